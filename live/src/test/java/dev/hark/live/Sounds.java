package dev.hark.live;

import dev.hark.core.audio.AudioFiles;
import dev.hark.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Test sounds: synthetic tones and noise, ESC-50 dev clips, espeak-ng speech, and scenes made of them. */
final class Sounds {
    static final int RATE = 16_000;

    private Sounds() {
    }

    /** A sine at {@code hz} with RMS level {@code dbfs}. */
    static float[] sine(double hz, double seconds, double dbfs) {
        double amp = Math.sqrt(2) * Math.pow(10, dbfs / 20);
        float[] x = new float[(int) Math.round(seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return x;
    }

    /** Quiet room: Gaussian noise at {@code dbfs} (seeded). */
    static float[] noise(double seconds, double dbfs, long seed) {
        Random r = new Random(seed);
        double sd = Math.pow(10, dbfs / 20);
        float[] x = new float[(int) Math.round(seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * sd);
        }
        return x;
    }

    static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int o = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    static Path esc50(String file) {
        return TestData.shared().resolve("datasets/esc50-dev/audio").resolve(file);
    }

    /** A dog clip of ESC-50 (fold 1): barks between about 1.4 s and 2.4 s of the clip. */
    static Path dogClip() {
        return esc50("1-100032-A-0.ogg");
    }

    /** Whether an {@code espeak-ng} executable is on the PATH. */
    static boolean hasEspeak() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "espeak-ng"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * espeak-ng speaking {@code text}, as 16 kHz mono (espeak-ng is in .ci/run's package list). Without espeak-ng
     * on the PATH the calling test is skipped (JUnit assumption), not failed.
     */
    static float[] speech(Path dir, String text) throws IOException, InterruptedException {
        Assumptions.assumeTrue(hasEspeak(), "espeak-ng is not on the PATH (install it, see .ci/run)");
        Path wav = dir.resolve("speech-" + Math.abs(text.hashCode()) + ".wav");
        Process p = new ProcessBuilder("espeak-ng", "-w", wav.toString(), text).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(wav)) {
            throw new IOException("espeak-ng failed (exit " + p.exitValue() + ")");
        }
        return AudioFiles.readMono16k(wav);
    }
}
