package dev.hark.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.core.audio.AudioFileInfo;
import dev.hark.core.audio.AudioReader;
import dev.hark.errors.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code hark info FILE...}: per file the format (detected from the content), sample rate, channels, bits and
 * duration, as text or one JSON object per line. A bad file gets one line on stderr and the others are still
 * printed; the exit code is then 2.
 */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Show the format, sample rate, channels, bits and duration of audio files "
                + "(WAV, FLAC, Ogg Vorbis, MP3, AU, AIFF; M4A/AAC and Opus through ffmpeg).")
final class InfoCommand implements Callable<Integer> {
    /** Output forms. */
    enum Format { text, jsonl }

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files.")
    List<Path> files;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|jsonl",
            description = "text (one line per file, default) or jsonl (one JSON object per line).")
    Format format;

    @Option(names = "--decode",
            description = "Also decode every sample: checks the whole file and reports exact frames, peak and RMS "
                    + "level (slower: a full decode).")
    boolean decode;

    /** What a full decode found. */
    record Decoded(long frames, double peak, double rms) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int bad = 0;
        for (Path file : files) {
            try (AudioReader reader = AudioReader.open(file)) {
                Decoded d = decode ? decodeAll(reader) : null;
                out.println(format == Format.jsonl ? json(reader.info(), d) : text(reader.info(), d));
            } catch (BadInputException e) {
                out.flush();
                err.println("hark: " + e.getMessage());
                err.flush();
                bad++;
            }
        }
        out.flush();
        return bad == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    private static Decoded decodeAll(AudioReader reader) {
        float[] block = new float[16_384];
        long frames = 0;
        double peak = 0;
        double sumSquares = 0;
        int n;
        while ((n = reader.read(block, 0, block.length)) >= 0) {
            for (int i = 0; i < n; i++) {
                float v = block[i];
                peak = Math.max(peak, Math.abs(v));
                sumSquares += (double) v * v;
            }
            frames += n;
        }
        return new Decoded(frames, peak, frames == 0 ? 0 : Math.sqrt(sumSquares / frames));
    }

    static String text(AudioFileInfo i, Decoded d) {
        StringBuilder sb = new StringBuilder();
        sb.append(i.path()).append(": ").append(i.container());
        if (!i.encoding().equals(i.container())) {
            sb.append(' ').append(i.encoding());
        }
        if (i.bitsPerSample() > 0) {
            sb.append(' ').append(i.bitsPerSample()).append("-bit");
        }
        sb.append(", ").append(i.sampleRateHz()).append(" Hz, ");
        sb.append(i.channels() == 1 ? "mono" : i.channels() == 2 ? "stereo" : i.channels() + " channels");
        if (d != null) {
            sb.append(String.format(Locale.ROOT, ", %.3f s (%d frames, decoded), peak %s, RMS %s",
                    d.frames() / (double) i.sampleRateHz(), d.frames(), dbfs(d.peak()), dbfs(d.rms())));
        } else if (i.frames() >= 0) {
            sb.append(String.format(Locale.ROOT, ", %.3f s (%d frames)", i.durationSeconds(), i.frames()));
        } else if (!Double.isNaN(i.durationSeconds())) {
            sb.append(String.format(Locale.ROOT, ", ~%.2f s (estimated)", i.durationSeconds()));
        } else {
            sb.append(", duration unknown");
        }
        return sb.toString();
    }

    private static String dbfs(double v) {
        return v <= 0 ? "-inf dBFS" : String.format(Locale.ROOT, "%.1f dBFS", 20 * Math.log10(v));
    }

    /**
     * The JSON line of one file; {@code bitsPerSample}, {@code frames} and {@code durationSeconds} are null when
     * unknown, {@code peak} and {@code rms} (linear, full scale 1) are there only with {@code --decode}.
     */
    @JsonPropertyOrder({"file", "container", "encoding", "sampleRateHz", "channels", "bitsPerSample", "frames",
        "durationSeconds", "durationEstimated", "peak", "rms"})
    record InfoLine(String file, String container, String encoding, int sampleRateHz, int channels,
            Integer bitsPerSample, Long frames, Double durationSeconds, boolean durationEstimated,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double peak,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double rms) {
    }

    static String json(AudioFileInfo i, Decoded d) {
        long frames = d != null ? d.frames() : i.frames();
        double seconds = d != null ? d.frames() / (double) i.sampleRateHz() : i.durationSeconds();
        InfoLine line = new InfoLine(i.path().toString(), i.container(), i.encoding(), i.sampleRateHz(), i.channels(),
                i.bitsPerSample() > 0 ? i.bitsPerSample() : null, frames >= 0 ? frames : null,
                Double.isNaN(seconds) ? null : seconds, d == null && i.frames() < 0 && !Double.isNaN(i.durationSeconds()),
                d != null ? d.peak() : null, d != null ? d.rms() : null);
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of " + i.path(), e);
        }
    }
}
