package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outputs that would destroy something, or that cannot be written, are refused before any work: exit code 2, one
 * line naming the output, and nothing replaced (the tests run as root, so read-only places are made with a regular
 * file where a directory must be, or a directory where a file must be).
 */
class OutputsCommandTest {
    @TempDir
    static Path tmp;
    static Path wav;
    static Path dataset;
    static Path file;

    @BeforeAll
    static void files() throws IOException {
        wav = TinyData.tone(tmp);
        dataset = TinyData.twoClasses(tmp);
        file = tmp.resolve("a-file");
        Files.writeString(file, "in the way");
    }

    static String[] refused(String... args) {
        Object[] r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> HarkCommandTest.run(args));
        String err = (String) r[2];
        assertEquals(ExitCodes.BAD_INPUT, r[0], err);
        assertEquals(1, err.lines().count(), err);
        assertFalse(((String) r[1]).contains("features:"), "refused before extracting features: " + r[1]);
        return new String[] {(String) r[1], err};
    }

    @Test
    void featuresRefusesToOverwriteItsInput() throws IOException {
        byte[] before = Files.readAllBytes(wav);
        String[] r = refused("features", wav.toString(), "--out", wav.toString());
        assertEquals("hark: cannot write " + wav + ": it is one of the inputs (" + wav + "); writing it would destroy it\n",
                r[1]);
        Path link = tmp.resolve("same.npy");
        Files.createSymbolicLink(link, wav);
        refused("features", wav.toString(), "--out", link.toString());
        assertArrayEquals(before, Files.readAllBytes(wav));
    }

    @Test
    void aFifoOrALinkToDevNullIsNotReplaced() throws Exception {
        Path fifo = tmp.resolve("frames.fifo");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo not available");
        Path devNull = tmp.resolve("null.npy");
        Files.createSymbolicLink(devNull, Path.of("/dev/null"));
        for (Path target : List.of(fifo, devNull)) {
            String[] r = refused("features", wav.toString(), "--out", target.toString());
            assertEquals("hark: cannot write " + target + ": it is not a regular file (a device, FIFO or socket); "
                    + "refusing to replace it\n", r[1]);
            r = refused("embed", wav.toString(), "--out", target.toString());
        }
        assertFalse(Files.isRegularFile(fifo));
        assertTrue(Files.isSymbolicLink(devNull));
        assertTrue(Files.isSameFile(devNull, Path.of("/dev/null")));
    }

    @Test
    void trainRefusesAnOutputItCannotWriteBeforeTraining() {
        Path under = file.resolve("sub/out.hark");
        String[] r = refused("train", "--dataset", dataset.toString(), "--out", under.toString());
        assertTrue(r[1].startsWith("hark: cannot write " + under + ": "), r[1]);
        assertTrue(r[1].contains(file + " is not a directory"), r[1]);
        Path dirInTheWay = tmp.resolve("model.hark");
        assertTrue(dirInTheWay.toFile().mkdir());
        r = refused("train", "--dataset", dataset.toString(), "--out", dirInTheWay.toString());
        assertEquals("hark: cannot write " + dirInTheWay + ": it is a directory\n", r[1]);
    }

    @Test
    void evaluateReportAndClusterOutRefuseAPlaceTheyCannotWriteBeforeAnyWork() throws IOException {
        String[] r = refused("evaluate", "--dataset", dataset.toString(), "--report", file.toString());
        assertEquals("hark: cannot write " + file + ": it is not a directory\n", r[1]);
        Path report = Files.createDirectories(tmp.resolve("report"));
        Files.createDirectory(report.resolve("confusion.png"));
        r = refused("evaluate", "--dataset", dataset.toString(), "--report", report.toString());
        assertTrue(r[1].contains("confusion.png: it is a directory"), r[1]);
        try (Stream<Path> s = Files.list(report)) {
            assertEquals(List.of(report.resolve("confusion.png")), s.toList(), "no report file written");
        }
        r = refused("cluster", "--dataset", dataset.toString(), "--k", "2", "--out", file.resolve("maps").toString());
        assertTrue(r[1].contains(file + " is not a directory"), r[1]);
        assertEquals("in the way", Files.readString(file));
    }

    @Test
    void embedCacheAndListenRecordThatCannotBeWrittenAreRefused() {
        String[] r = refused("embed", wav.toString(), "--out", tmp.resolve("e.npy").toString(), "--cache",
                file.toString());
        assertEquals("hark: cannot use the feature cache --cache " + file + ": it is not a directory\n", r[1]);
        r = refused("listen", "--input", wav.toString(), "--record", file.toString());
        assertEquals("hark: cannot record clips in " + file + ": it is not a directory\n", r[1]);
        r = refused("listen", "--input", wav.toString(), "--record", file.resolve("clips").toString());
        assertTrue(r[1].startsWith("hark: cannot record clips in " + file.resolve("clips") + ": cannot create it ("),
                r[1]);
        assertFalse(Files.exists(tmp.resolve("e.npy")));
    }
}
