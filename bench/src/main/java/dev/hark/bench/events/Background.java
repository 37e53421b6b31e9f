package dev.hark.bench.events;

import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.PinkNoise;
import dev.hark.errors.BadInputException;
import java.nio.file.Path;
import java.util.Locale;

/** What the sounds of a scene are mixed over: the synthetic quiet room ({@link RoomTone}) or a user's recording. */
public record Background(String description, float[] samples) {
    /** The synthetic room, {@code samples} long. */
    public static Background room(int samples, long seed) {
        return new Background(String.format(Locale.ROOT, "quiet room (synthetic pink noise, %.0f dBFS RMS)",
                RoomTone.LEVEL_DBFS), PinkNoise.of(samples, RoomTone.LEVEL_DBFS, seed));
    }

    /**
     * A recording, decoded to 16 kHz mono and kept at its level: its first {@code samples} samples, repeated from its
     * start when it is shorter.
     *
     * @throws BadInputException for a file that cannot be read or holds only digital silence
     */
    public static Background file(Path file, int samples) {
        float[] x = AudioFiles.readMono16k(file);
        if (SceneMixer.meanSquare(x, 0, x.length) == 0) {
            throw new BadInputException("background " + file + ": it holds only digital silence (no SNR is defined "
                    + "over it)");
        }
        float[] out = new float[samples];
        for (int i = 0; i < samples; i += x.length) {
            System.arraycopy(x, 0, out, i, Math.min(x.length, samples - i));
        }
        double dbfs = 10 * Math.log10(SceneMixer.meanSquare(out, 0, out.length));
        return new Background(String.format(Locale.ROOT, "%s (%.1f dBFS RMS%s)", file, dbfs,
                x.length < samples ? ", repeated" : ""), out);
    }
}
