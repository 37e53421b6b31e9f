package dev.hark.core.audio;

import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;

/** Reads the decoded PCM stream of a Java Sound SPI decoder (Vorbis, MP3, FLAC) block by block. */
final class SpiDecoder implements Decoder {
    private final Path path;
    private final String codec;
    private final AudioInputStream pcm;
    private final PcmDecoder converter;
    private final byte[] bytes;
    private int held;
    private boolean ended;

    /** @param pcm a decoded stream of signed little- or big-endian integer PCM */
    SpiDecoder(Path path, String codec, AudioInputStream pcm) {
        AudioFormat f = pcm.getFormat();
        int bytesPerSample = (f.getSampleSizeInBits() + 7) / 8;
        if (!AudioFormat.Encoding.PCM_SIGNED.equals(f.getEncoding()) || bytesPerSample < 1 || bytesPerSample > 4
                || f.getChannels() < 1) {
            throw AudioReader.bad(path, codec + " decoder gave an unexpected format: " + f);
        }
        this.path = path;
        this.codec = codec;
        this.pcm = pcm;
        this.converter = new PcmDecoder(bytesPerSample == 1 ? PcmDecoder.Encoding.UNSIGNED : PcmDecoder.Encoding.SIGNED,
                8 * bytesPerSample, f.getChannels(), f.isBigEndian());
        this.bytes = new byte[converter.frameBytes() * 4096];
    }

    @Override
    public int read(float[] mono, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int frameBytes = converter.frameBytes();
        int want = Math.min(length, bytes.length / frameBytes) * frameBytes;
        while (held < want && !ended) {
            int r;
            try {
                r = pcm.read(bytes, held, want - held);
            } catch (java.io.EOFException e) {
                throw AudioReader.bad(path, "truncated " + codec + " data: the file ends inside a frame", e);
            } catch (IOException | RuntimeException e) {
                throw AudioReader.bad(path, e instanceof RuntimeException
                        ? "corrupt or truncated " + codec + " frame data" : "corrupt " + codec + " data: " + describe(e), e);
            }
            if (r < 0) {
                ended = true;
            } else {
                held += r;
            }
        }
        int frames = held / frameBytes;
        if (frames == 0) {
            return -1;
        }
        converter.decode(bytes, 0, frames * frameBytes, mono, offset);
        int used = frames * frameBytes;
        System.arraycopy(bytes, used, bytes, 0, held - used);
        held -= used;
        return frames;
    }

    /**
     * What went wrong, in words for the user: an I/O failure's own message, or for a decoding library's runtime
     * failure (an index out of bounds, a null field: the library tripped over damaged data) plain words instead of
     * its Java internals.
     */
    static String describe(Throwable e) {
        boolean ours = e.getClass().getName().startsWith("dev.hark.");
        if (!ours && (e instanceof RuntimeException || e instanceof Error)) {
            return "the coded data is damaged or truncated";
        }
        String m = e.getMessage();
        String s = (m == null || m.isBlank()) ? e.getClass().getSimpleName() : m;
        return s.replaceAll("\\s+", " ").trim();
    }

    @Override
    public void close() throws IOException {
        pcm.close();
    }
}
