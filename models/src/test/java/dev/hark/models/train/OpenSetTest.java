package dev.hark.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder-per-class data set's {@code _negative} folder: negatives, not a class, and never counted twice. */
class OpenSetTest {
    @TempDir
    Path dir;

    private Path set() throws Exception {
        for (String f : new String[] {"dog/a.wav", "dog/b.wav", "cat/c.wav", "_negative/n1.wav", "_negative/n2.wav"}) {
            Files.createDirectories(dir.resolve(f).getParent());
            Files.write(dir.resolve(f), new byte[] {0});
        }
        return dir;
    }

    @Test
    void theNegativesFolderHoldsNegatives() throws Exception {
        Dataset ds = OpenSet.of(Dataset.open(set()), List.of(), List.of(), null);
        assertEquals(List.of("cat", "dog", "unknown"), ds.labels());
        assertEquals(5, ds.clips().size());
        assertEquals(2, ds.clips().stream().filter(c -> c.labelIndex() == 2).count());
        assertTrue(ds.clips().stream().filter(c -> c.labelIndex() == 2).allMatch(c -> c.label().equals("_negative")));
    }

    @Test
    void givingTheNegativesFolderAsNegativesAddsNothingTwice() throws Exception {
        Dataset ds = OpenSet.of(Dataset.open(set()), List.of(), List.of(), dir.resolve("_negative"));
        assertEquals(5, ds.clips().size());
        List<Path> paths = ds.clips().stream().map(Clip::path).map(p -> p.toAbsolutePath().normalize()).toList();
        assertEquals(paths.size(), paths.stream().distinct().count());
    }

    @Test
    void namedAsAClassItIsOne() throws Exception {
        Dataset ds = OpenSet.of(Dataset.open(set()), List.of("dog", "_negative"), List.of(), null);
        assertEquals(List.of("dog", "_negative"), ds.labels());
    }
}
