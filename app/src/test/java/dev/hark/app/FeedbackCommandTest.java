package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hark feedback}: a clip {@code listen --record} saved is filed into the data set, and the next train uses it. */
class FeedbackCommandTest {
    @TempDir
    Path dir;

    static Path esc50(String file) {
        return TestData.shared("datasets/esc50-dev/audio/" + file);
    }

    private Path recordedClip() throws Exception {
        Path clips = dir.resolve("clips");
        Object[] r = HarkCommandTest.run("listen", "--input", TestData.dogClip().toString(), "--raw-labels", "--labels",
                "Dog", "--record", clips.toString());
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        try (Stream<Path> s = Files.list(clips)) {
            List<Path> l = s.toList();
            assertEquals(1, l.size(), l.toString());
            return l.get(0);
        }
    }

    private String train(Path ds) {
        Object[] r = HarkCommandTest.run("train", "--dataset", ds.toString(), "--out", dir.resolve("m.hark").toString());
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        return (String) r[1];
    }

    @Test
    void aClipMarkedWrongIsANegativeOfTheNextTrainingAndMarkedRightAnExample() throws Exception {
        Path ds = dir.resolve("dataset");
        for (String[] c : new String[][] {{"dog", "1-30226-A-0.ogg"}, {"dog", "1-30344-A-0.ogg"},
            {"rooster", "1-26806-A-1.ogg"}, {"rooster", "1-27724-A-1.ogg"}}) {
            Files.createDirectories(ds.resolve(c[0]));
            Files.copy(esc50(c[1]), ds.resolve(c[0]).resolve(c[1]));
        }
        Path clip = recordedClip();
        assertTrue(train(ds).contains("trained on 4 clips (0 negatives), 2 labels"));

        Object[] wrong = HarkCommandTest.run("feedback", clip.toString(), "--wrong", "--into", ds.toString());
        assertEquals(ExitCodes.OK, wrong[0], (String) wrong[2]);
        Path negative = ds.resolve("_negative").resolve(clip.getFileName());
        assertEquals("filed as a negative: " + negative + "\n" + ds.resolve("_negative") + " now holds 1 negative\n",
                wrong[1]);
        assertArrayEquals(Files.readAllBytes(clip), Files.readAllBytes(negative));
        assertTrue(train(ds).contains("trained on 5 clips (1 negatives), 2 labels"), "the next train uses it");

        Object[] right = HarkCommandTest.run("feedback", clip.toString(), "--as", "dog", "--into", ds.toString());
        assertEquals(ExitCodes.OK, right[0], (String) right[2]);
        assertEquals("filed as dog: " + ds.resolve("dog").resolve(clip.getFileName()) + "\nremoved the earlier filing "
                + negative + "\n" + ds.resolve("dog") + " now holds 3 examples of dog\n", right[1]);
        assertFalse(Files.exists(negative));
        assertTrue(train(ds).contains("trained on 5 clips (0 negatives), 2 labels"), "one verdict per clip");
    }

    @Test
    void badRequestsAreOneLineAndExitCode2() throws Exception {
        Path wav = TinyData.tone(dir);
        Path ds = dir.resolve("ds").toAbsolutePath();
        String[][] cases = {
            {"hark: " + dir.resolve("nope.wav") + ": no such file", "feedback", dir.resolve("nope.wav").toString(),
                "--wrong", "--into", ds.toString()},
            {"hark: --as 'unknown': a label may not be called 'unknown', which is what a head says for none of its "
                + "labels", "feedback", wav.toString(), "--as", "unknown", "--into", ds.toString()},
            {"hark: --as '_negative': names starting with '_' are reserved (_negative holds the negatives)",
                "feedback", wav.toString(), "--as", "_negative", "--into", ds.toString()},
            {"hark: Error: Missing required argument (specify one of these): (--wrong | --as=LABEL)", "feedback",
                wav.toString()},
            {"hark: Error: --wrong, --as=LABEL are mutually exclusive (specify only one)", "feedback", wav.toString(),
                "--wrong", "--as", "dog"},
        };
        for (String[] c : cases) {
            Object[] r = HarkCommandTest.run(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(ExitCodes.BAD_INPUT, r[0], (String) r[2]);
            assertEquals(c[0], ((String) r[2]).lines().findFirst().orElseThrow());
        }
        Path text = Files.writeString(dir.resolve("notes.wav"), "not audio");
        Object[] r = HarkCommandTest.run("feedback", text.toString(), "--wrong", "--into", ds.toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertEquals(1, ((String) r[2]).lines().count(), (String) r[2]);
        assertTrue(((String) r[2]).startsWith("hark: " + text), (String) r[2]);
        assertFalse(Files.exists(ds.resolve("_negative/notes.wav")));
    }
}
