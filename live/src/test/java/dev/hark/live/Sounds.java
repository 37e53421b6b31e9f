package dev.hark.live;

import dev.hark.core.audio.AudioFiles;
import dev.hark.testkit.Signals;
import dev.hark.testkit.TestData;
import dev.hark.testkit.Tools;
import java.io.IOException;
import java.nio.file.Path;

/** Speech for the live tests (synthetic sounds are in {@link Signals}, ESC-50 clips in {@link TestData}). */
final class Sounds {
    private Sounds() {
    }

    /**
     * espeak-ng speaking {@code text}, as 16 kHz mono (espeak-ng is in .ci/run's package list). Without espeak-ng
     * on the PATH the calling test is skipped (JUnit assumption), not failed.
     */
    static float[] speech(Path dir, String text) throws IOException, InterruptedException {
        Path wav = Tools.speak(text, dir.resolve("speech-" + Math.abs(text.hashCode()) + ".wav"));
        return AudioFiles.readMono16k(wav);
    }
}
