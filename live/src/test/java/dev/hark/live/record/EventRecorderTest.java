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

    @Test
    void clipsOfAFileAreNamedByStreamTimeOfTheirStartWhateverTheWallClock() throws IOException {
        Path dir = tmp.resolve("stream");
        EventRecorder r = new EventRecorder(dir, 1.0, w -> { }, ClipNames.STREAM_TIME);
        float[] audio = new float[16_000 * 8];
        r.onAudio(0, audio, 0, audio.length);
        r.onEvent(new DetectionEvent(DetectionEvent.Type.ONSET, "Beep, bleep", 0.9, 5.295, 4.32, 5.295));
        r.onEvent(new DetectionEvent(DetectionEvent.Type.OFFSET, "Beep, bleep", 0.9, 7.215, 4.32, 6.255));
        assertEquals(List.of(dir.resolve("000004.320s_Beep-bleep.wav")), r.written());
        // the clip runs from 1 s before the start to the end: 3.32 .. 6.255 s
        assertEquals(Math.round(6.255 * 16_000) - Math.round(3.32 * 16_000), Files.size(r.written().get(0)) - 44 >> 1);
    }

    @Test
    void liveClipsAreNamedByTheWallClockOfTheEventsStart() {
        java.time.Instant now = java.time.Instant.parse("2026-11-21T12:06:38.877Z");
        DetectionEvent onset = new DetectionEvent(DetectionEvent.Type.ONSET, "Dog", 0.5, 5.295, 4.32, 5.295);
        assertEquals("20261121T120637.902Z_Dog.wav", ClipNames.WALL_CLOCK.of(onset, now));
        assertEquals("000004.320s_Dog.wav", ClipNames.STREAM_TIME.of(onset, now));
        assertEquals("012345.000s_event.wav", ClipNames.STREAM_TIME.of(new DetectionEvent(DetectionEvent.Type.ONSET,
                "//", 0.5, 12346, 12345, 12346), now));
        assertEquals("Chicken-rooster", ClipNames.safe("Chicken, rooster"));
        assertEquals("event", ClipNames.safe(".."), "never a folder's own name or its parent");
        assertEquals("hidden", ClipNames.safe(".hidden"), "nor a hidden file");
    }
}
