package dev.hark.live.teach;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import dev.hark.live.DetectorStatus;
import dev.hark.testkit.Signals;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detector's stream as a source: what it processes after the take opens, in order; its end ends the take. */
class StreamTapTest {
    @TempDir
    Path dir;

    @Test
    void aTakeReadsTheStreamFromWhenItOpens() throws Exception {
        StreamTap tap = new StreamTap();
        float[] x = new float[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i / 1000f;
        }
        tap.onAudio(0, x, 0, 500); // before any take: not kept
        tap.open();
        tap.onAudio(500, x, 500, 300);
        tap.onAudio(800, x, 800, 200);
        float[] got = new float[1000];
        int n = 0;
        while (n < 500) {
            n += tap.read(got, n, 1000 - n);
        }
        assertArrayEquals(Arrays.copyOfRange(x, 500, 1000), Arrays.copyOf(got, n));
        tap.close();
        assertEquals(-1, tap.read(got, 0, 10), "closed");
    }

    @Test
    void theDetectorsEndEndsTheTakeAfterWhatWasHeard() throws Exception {
        StreamTap tap = new StreamTap();
        tap.open();
        tap.onAudio(0, new float[320], 0, 320);
        tap.onStatus(new DetectorStatus(DetectorStatus.Kind.STOPPED, "stopped", null));
        float[] got = new float[1000];
        assertEquals(320, tap.read(got, 0, 1000));
        assertEquals(-1, tap.read(got, 0, 1000));
        assertTrue(tap.ended());
        assertThrows(BadInputException.class, tap::open, "nothing more to record");
    }

    @Test
    void aTeacherRecordsExamplesFromTheStream() throws Exception {
        StreamTap tap = new StreamTap();
        float[] sound = Signals.concat(Signals.noise(1.5, -70, 1), Signals.sine(800, 0.4, -20),
                Signals.noise(1.2, -70, 2), Signals.sine(600, 0.3, -20), Signals.noise(1.2, -70, 3));
        Take take;
        try (Teacher t = Teacher.builder().source(tap).dataset(dir).build()) {
            Thread feeder = new Thread(() -> { // the detector's processing thread, at real-time pace
                while (!tap.isOpen()) {
                    Thread.onSpinWait();
                }
                for (int i = 0; i < sound.length; i += 480) {
                    tap.onAudio(i, sound, i, Math.min(480, sound.length - i));
                    try {
                        Thread.sleep(30);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                tap.onStatus(new DetectorStatus(DetectorStatus.Kind.STOPPED, "the input ended", null));
            });
            feeder.start();
            take = t.examples("beep", 2, null);
            feeder.join(10_000);
        }
        assertEquals(Take.Ending.DONE, take.ending(), take.toString());
        assertEquals(2, take.saved().size());
        for (Example e : take.saved()) {
            assertTrue(e.seconds() < 1.0 && e.soundSeconds() > 0.2, "trimmed to the beep: " + e);
        }
        assertEquals(0, tap.droppedSeconds(), 1e-9);
    }
}
