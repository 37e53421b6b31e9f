package dev.hark.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipListTest {
    @TempDir
    Path tmp;

    @Test
    void listPathsAreRelativeToTheListsFolderAndCommentsAreSkipped() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("lists"));
        Path list = Files.writeString(dir.resolve("clips.txt"), "# clips\na.wav\n\n  sub/b.ogg  \n/abs/c.flac\n");
        List<Clip> clips = ClipList.of(List.of(Path.of("first.wav")), list);
        assertEquals(List.of(Path.of("first.wav"), dir.resolve("a.wav"), dir.resolve("sub/b.ogg"), Path.of("/abs/c.flac")),
                clips.stream().map(Clip::path).toList());
        assertTrue(clips.stream().allMatch(c -> c.label().isEmpty() && c.fold() == 0));
    }

    @Test
    void anEmptyOrMissingListIsBadInputNamingIt() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "# nothing\n");
        assertEquals("--list " + empty + ": names no files (expected one path a line)",
                assertThrows(BadInputException.class, () -> ClipList.of(List.of(), empty)).getMessage());
        Path missing = tmp.resolve("missing.txt");
        assertTrue(assertThrows(BadInputException.class, () -> ClipList.of(null, missing)).getMessage()
                .startsWith("--list " + missing + ": cannot read"));
    }
}
