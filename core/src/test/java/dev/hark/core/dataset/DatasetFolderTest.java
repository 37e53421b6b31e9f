package dev.hark.core.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.audio.AudioFiles;
import dev.hark.errors.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing a folder-per-class data set: numbered examples, filing clips (and filing them again), label checks. */
class DatasetFolderTest {
    @TempDir
    Path dir;

    @Test
    void examplesAreNumberedAfterTheHighestAlreadyThere() throws Exception {
        DatasetFolder ds = new DatasetFolder(dir.resolve("set"));
        float[] x = {0.5f, -0.25f, 0f};
        assertEquals(dir.resolve("set/dog/dog-001.wav"), ds.save("dog", "dog", x));
        assertEquals(dir.resolve("set/dog/dog-002.wav"), ds.save("dog", "dog", x));
        Files.writeString(dir.resolve("set/dog/dog-041.wav"), "not really");
        Files.writeString(dir.resolve("set/dog/other-900.wav"), "another stem");
        assertEquals(dir.resolve("set/dog/dog-042.wav"), ds.save("dog", "dog", x));
        assertEquals(dir.resolve("set/_negative/background-001.wav"), ds.save(null, "background", x));
        assertArrayEquals(x, AudioFiles.readMono16k(dir.resolve("set/dog/dog-001.wav")), 1f / 32768);
        assertEquals(List.of("dog"), ds.labels(), "the negatives are not a label");
        assertEquals(1, ds.clips(null).size());
        assertEquals(List.of(), ds.clips("cat"));
    }

    @Test
    void aClipIsFiledUnderItsOwnNameAndFilingItAgainMovesIt() throws Exception {
        Path clip = Files.write(dir.resolve("20261202T031500.000Z_dog.wav"), new byte[] {1, 2, 3});
        DatasetFolder ds = new DatasetFolder(dir.resolve("set"));
        DatasetFolder.Filed wrong = ds.file(clip, null);
        assertEquals(dir.resolve("set/_negative").resolve(clip.getFileName()), wrong.file());
        assertArrayEquals(Files.readAllBytes(clip), Files.readAllBytes(wrong.file()));
        assertFalse(wrong.alreadyThere());
        assertTrue(ds.file(clip, null).alreadyThere(), "the same clip twice is one file");
        DatasetFolder.Filed right = ds.file(clip, "dog");
        assertEquals(dir.resolve("set/dog").resolve(clip.getFileName()), right.file());
        assertEquals(List.of(wrong.file()), right.movedFrom(), "one verdict per clip: the negative is gone");
        assertFalse(Files.exists(wrong.file()));
        assertTrue(Files.exists(clip), "the clip itself stays where it was");
        // another clip of the same name is kept beside, not over it
        Path other = Files.write(Files.createDirectories(dir.resolve("elsewhere")).resolve(clip.getFileName()),
                new byte[] {9});
        DatasetFolder.Filed second = ds.file(other, "dog");
        assertEquals(dir.resolve("set/dog/20261202T031500.000Z_dog-2.wav"), second.file());
        assertEquals(List.of(), second.movedFrom());
        assertEquals(2, ds.clips("dog").size());
    }

    @Test
    void theServicesFolderNamesAndTheUsersLabelChecks() {
        assertEquals("a-b", DatasetFolder.folderName("a/b"));
        assertEquals("_.hidden", DatasetFolder.folderName(".hidden"));
        assertEquals("_", DatasetFolder.folderName("  "));
        assertEquals("door knock", DatasetFolder.checkLabel("door knock", "LABEL"));
        for (String bad : new String[] {"a/b", ".x", " x", "_negative", "_x", "unknown", "Unknown", "", "a\tb"}) {
            BadInputException e = assertThrows(BadInputException.class, () -> DatasetFolder.checkLabel(bad, "LABEL"),
                    bad);
            assertTrue(e.getMessage().startsWith("LABEL"), e.getMessage());
        }
        assertThrows(BadInputException.class, () -> new DatasetFolder(dir).file(dir.resolve("missing.wav"), null));
    }
}
