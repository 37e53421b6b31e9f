package dev.hark.core.audio;

import dev.hark.core.frontend.FrontEndParams;
import java.nio.file.Path;
import java.util.Arrays;

/** Entry points for reading audio files as 16 kHz mono, the rate of the whole pipeline. */
public final class AudioFiles {
    /**
     * Version of the samples these readers produce (decoders, channel mixing, resampler design, clamping). Bump it
     * whenever any of them changes the output: caches of derived features (embeddings) include it in their keys, so
     * they never serve features of audio decoded the old way.
     */
    public static final int SAMPLES_VERSION = 1;

    private static final int INITIAL_CAPACITY_LIMIT = 1 << 22;

    private AudioFiles() {
    }

    /**
     * Reads a whole file as 16 kHz mono floats in [-1, 1] (for clips; use {@link #open16k} for long recordings).
     *
     * @throws dev.hark.errors.BadInputException naming the file and the problem
     */
    public static float[] readMono16k(Path path) {
        try (Mono16kStream s = open16k(path)) {
            long expected = s.info().frames() >= 0
                    ? (long) Math.ceil(s.info().frames() * (double) FrontEndParams.SAMPLE_RATE_HZ
                            / s.info().sampleRateHz())
                    : -1;
            // The header's length is a hint only (a damaged header may claim anything): start at most 4 Mi samples.
            float[] out = new float[(int) Math.max(1024, Math.min(expected + 16, INITIAL_CAPACITY_LIMIT))];
            int len = 0;
            while (true) {
                if (len == out.length) {
                    if (out.length >= Integer.MAX_VALUE - 16) {
                        throw AudioReader.bad(path, "too long to read at once; stream it instead");
                    }
                    out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 16L, out.length * 2L));
                }
                int n = s.read(out, len, out.length - len);
                if (n < 0) {
                    break;
                }
                len += n;
            }
            return len == out.length ? out : Arrays.copyOf(out, len);
        }
    }

    /**
     * Opens a file for streaming as 16 kHz mono floats.
     *
     * @throws dev.hark.errors.BadInputException naming the file and the problem
     */
    public static Mono16kStream open16k(Path path) {
        return new Mono16kStream(AudioReader.open(path));
    }
}
