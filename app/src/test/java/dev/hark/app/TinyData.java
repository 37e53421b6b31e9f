package dev.hark.app;

import dev.hark.core.audio.WavWriter;
import dev.hark.testkit.Signals;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small inputs for command tests that are refused before any real work: a tone and a two-class data set. */
final class TinyData {
    private TinyData() {
    }

    /** A 1.5 s, 440 Hz tone at -20 dBFS as 16-bit WAV. */
    static Path tone(Path dir) throws IOException {
        Path wav = dir.resolve("tone.wav");
        WavWriter.writePcm16(wav, Signals.sine(440, 1.5, -20), Signals.RATE_HZ);
        return wav;
    }

    /** A folder-per-class data set: {@code low/} (300, 310 Hz) and {@code high/} (3000, 3010 Hz), two 1.2 s clips each. */
    static Path twoClasses(Path dir) throws IOException {
        Path dataset = dir.resolve("two-classes");
        for (String label : List.of("low", "high")) {
            Path d = Files.createDirectories(dataset.resolve(label));
            for (int i = 0; i < 2; i++) {
                WavWriter.writePcm16(d.resolve(label + i + ".wav"),
                        Signals.sine(label.equals("low") ? 300 + 10 * i : 3000 + 10 * i, 1.2, -20), Signals.RATE_HZ);
            }
        }
        return dataset;
    }
}
