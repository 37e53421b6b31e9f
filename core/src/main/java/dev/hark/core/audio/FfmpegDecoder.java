package dev.hark.core.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes a format Hark does not read itself (M4A/AAC, ADTS AAC, Ogg Opus) through an {@code ffmpeg} found by
 * {@link Ffmpeg}: {@code ffprobe} reads the rate, channels and duration; {@code ffmpeg} writes the first audio
 * stream as raw little-endian float32 at its own rate and channel count to a pipe, which is read in blocks and
 * averaged to mono here, as for every other format. A stall of {@value #STALL_MILLIS} ms kills the process, its exit
 * status is checked at the end (a failure is a one-line error with ffmpeg's last message), and {@link #close()}
 * kills it if it still runs.
 */
final class FfmpegDecoder implements Decoder {
    static final long STALL_MILLIS = 60_000;
    private static final long PROBE_MILLIS = 30_000;
    private final Path path;
    private final String format;
    private final ExternalProcess process;
    private final InputStream pcm;
    private final int channels;
    private byte[] bytes = new byte[0];
    private int pending;
    private boolean ended;

    private FfmpegDecoder(Path path, String format, ExternalProcess process, int channels) {
        this.path = path;
        this.format = format;
        this.process = process;
        this.pcm = process.stdout();
        this.channels = channels;
    }

    /**
     * Opens {@code path}, whose content was recognised as {@code format} (e.g. {@code M4A/AAC}).
     *
     * @throws dev.hark.errors.BadInputException naming what to install when ffmpeg is missing, or ffmpeg's complaint
     */
    static AudioReader open(Path path, FileChannel ch, String format, String container) throws IOException {
        ch.close(); // ffmpeg reads the file itself
        Optional<Ffmpeg.Tools> tools = Ffmpeg.find();
        if (tools.isEmpty()) {
            throw AudioReader.bad(path, format + " needs ffmpeg on the PATH (apt install ffmpeg)");
        }
        Map<String, String> p = probe(path, tools.get().ffprobe(), format);
        long rate = parse(p.get("sample_rate"));
        long channelCount = parse(p.get("channels"));
        if (rate < 0 || channelCount < 0) {
            throw AudioReader.bad(path, "ffprobe finds no audio stream in this " + format + " file");
        }
        AudioReader.checkRateAndChannels(path, rate, (int) Math.min(channelCount, Integer.MAX_VALUE));
        double duration = parseDouble(p.get("duration"));
        String codec = p.getOrDefault("codec_name", "unknown").toUpperCase(java.util.Locale.ROOT);
        AudioFileInfo info = new AudioFileInfo(path, container, codec, (int) rate, (int) channelCount, 0, -1, duration);
        ExternalProcess decode = new ExternalProcess(List.of(tools.get().ffmpeg().toString(), "-nostdin", "-v", "error",
                "-i", path.toAbsolutePath().toString(), "-map", "0:a:0", "-vn", "-f", "f32le", "-acodec", "pcm_f32le",
                "pipe:1"), STALL_MILLIS);
        return new AudioReader(path, info, new FfmpegDecoder(path, format, decode, (int) channelCount));
    }

    private static Map<String, String> probe(Path path, Path ffprobe, String format) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (ExternalProcess p = new ExternalProcess(List.of(ffprobe.toString(), "-v", "error", "-select_streams", "a:0",
                "-show_entries", "stream=codec_name,sample_rate,channels:format=duration", "-of",
                "default=noprint_wrappers=1", path.toAbsolutePath().toString()), PROBE_MILLIS)) {
            String text = new String(p.stdout().readNBytes(1 << 16), StandardCharsets.UTF_8);
            int status = p.waitFor(PROBE_MILLIS);
            if (status != 0) {
                String why = p.timedOut() ? "timed out" : p.lastErrorLine();
                throw AudioReader.bad(path, "corrupt " + format + " file? ffprobe cannot read it: " + (why.isEmpty() ? "exit status " + status : why));
            }
            for (String line : text.split("\\R")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.putIfAbsent(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        }
        return out;
    }

    private static long parse(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static double parseDouble(String s) {
        try {
            double d = s == null ? Double.NaN : Double.parseDouble(s);
            return d >= 0 ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    @Override
    public int read(float[] mono, int offset, int length) throws IOException {
        int frameBytes = 4 * channels;
        int want = length * frameBytes;
        if (bytes.length < want) {
            byte[] grown = new byte[want];
            System.arraycopy(bytes, 0, grown, 0, pending);
            bytes = grown;
        }
        while (pending < frameBytes && !ended) {
            int n = pcm.read(bytes, pending, want - pending);
            if (n < 0) {
                ended = true;
            } else {
                pending += n;
            }
        }
        if (pending < frameBytes) {
            finish();
            return -1;
        }
        int frames = Math.min(length, pending / frameBytes);
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, frames * frameBytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < frames; i++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += b.getFloat();
            }
            float v = (float) (sum / channels);
            if (!Float.isFinite(v)) {
                throw AudioReader.bad(path, "ffmpeg decoded a NaN or infinite sample");
            }
            mono[offset + i] = v;
        }
        int used = frames * frameBytes;
        System.arraycopy(bytes, used, bytes, 0, pending - used);
        pending -= used;
        return frames;
    }

    /** At the end of the output: ffmpeg must have exited with status 0. */
    private void finish() throws IOException {
        int status = process.waitFor(STALL_MILLIS);
        if (process.timedOut()) {
            throw AudioReader.bad(path, format + ": ffmpeg stopped producing audio for " + STALL_MILLIS / 1000 + " s and was killed");
        }
        if (status != 0) {
            String why = process.lastErrorLine();
            throw AudioReader.bad(path, "corrupt " + format + " data? ffmpeg could not decode it: " + (why.isEmpty() ? "exit status " + status : why));
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
