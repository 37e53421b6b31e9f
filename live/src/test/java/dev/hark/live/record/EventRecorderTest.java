package dev.hark.live.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.events.DetectionEvent;
import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventRecorderTest {
    @TempDir
    Path tmp;

    @Test
    void aDirectoryThatCannotTakeClipsIsRefusedUpFront() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        BadInputException e = assertThrows(BadInputException.class, () -> new EventRecorder(file, 1.0, w -> { }));
        assertEquals("cannot record clips in " + file + ": it is not a directory", e.getMessage());
        assertThrows(BadInputException.class, () -> new EventRecorder(file.resolve("clips"), 1.0, w -> { }));
    }

    @Test
    void aDiskThatRefusesLaterIsSaidOnceAndRecordingGoesOn() throws IOException {
        Path dir = tmp.resolve("clips");
        List<String> warnings = new ArrayList<>();
        EventRecorder r = new EventRecorder(dir, 0.5, warnings::add);
        assertTrue(Files.isDirectory(dir));
        float[] second = new float[16_000];
        long at = 0;
        double t = 0;
        Files.delete(dir);
        Files.writeString(dir, "now a file: clips cannot go here");
        for (int i = 0; i < 3; i++) {
            r.onAudio(at, second, 0, second.length);
            at += second.length;
            t += 1;
            r.onEvent(new DetectionEvent(DetectionEvent.Type.ONSET, "Dog", 0.9, t, t - 0.9, t));
            r.onEvent(new DetectionEvent(DetectionEvent.Type.OFFSET, "Dog", 0.9, t, t - 0.9, t));
        }
        assertEquals(3, r.failed());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("could not save clip " + dir.resolve("")), warnings.get(0));
        assertTrue(warnings.get(0).contains("detection goes on"), warnings.get(0));
        Files.delete(dir);
        Files.createDirectory(dir);
        r.onAudio(at, second, 0, second.length);
        r.onEvent(new DetectionEvent(DetectionEvent.Type.ONSET, "Dog", 0.9, t + 1, t + 0.1, t + 1));
        r.onEvent(new DetectionEvent(DetectionEvent.Type.OFFSET, "Dog", 0.9, t + 1, t + 0.1, t + 1));
        assertEquals(1, r.written().size());
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(1).endsWith("3 clip(s) could not be saved"), warnings.get(1));
    }
}
