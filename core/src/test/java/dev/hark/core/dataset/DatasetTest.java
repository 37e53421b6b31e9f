package dev.hark.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import dev.hark.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
    @TempDir
    Path tmp;

    private static void touch(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {1});
    }

    @Test
    void esc50LayoutGivesLabelsInTargetOrderAndOfficialFolds() throws IOException {
        Path d = tmp.resolve("esc");
        Files.createDirectories(d.resolve("meta"));
        Files.createDirectories(d.resolve("audio"));
        Files.writeString(d.resolve("meta/esc50.csv"), """
                filename,fold,target,category,esc10,src_file,take
                1-1-A-1.ogg,1,1,rooster,False,1,A
                2-2-A-0.ogg,2,0,dog,True,2,A
                3-3-A-1.ogg,3,1,rooster,False,3,A
                """);
        Dataset ds = Dataset.open(d);
        assertEquals(DatasetLayout.ESC50, ds.layout());
        assertEquals(List.of("dog", "rooster"), ds.labels());
        assertEquals(3, ds.clips().size());
        Clip first = ds.clips().get(0);
        assertEquals(d.resolve("audio/1-1-A-1.ogg"), first.path());
        assertEquals("rooster", first.label());
        assertEquals(1, first.labelIndex());
        assertEquals(1, first.fold());
        assertTrue(ds.hasFolds());
        assertEquals(List.of(1, 2, 3), ds.folds());
        assertEquals(1, ds.clipsInFolds(List.of(2)).size());
    }

    @Test
    void realEsc50DevHas1600ClipsIn50ClassesAnd4Folds() {
        Path dev = TestData.assumePresent("datasets/esc50-dev");
        Dataset ds = Dataset.open(dev);
        assertEquals(1600, ds.clips().size());
        assertEquals(50, ds.labels().size());
        assertEquals("dog", ds.labels().get(0));
        assertEquals(List.of(1, 2, 3, 4), ds.folds());
        assertTrue(ds.clips().stream().allMatch(c -> Files.isRegularFile(c.path())));
    }

    @Test
    void urbanSound8kLayoutResolvesFoldFolders() throws IOException {
        Path d = tmp.resolve("us8k");
        Files.createDirectories(d.resolve("metadata"));
        Files.createDirectories(d.resolve("audio/fold1"));
        Files.writeString(d.resolve("metadata/UrbanSound8K.csv"), """
                slice_file_name,fsID,start,end,salience,fold,classID,class
                100032-3-0-0.wav,100032,0.0,0.317551,1,5,3,dog_bark
                100263-2-0-117.wav,100263,58.5,62.5,1,1,2,children_playing
                """);
        Dataset ds = Dataset.open(d);
        assertEquals(DatasetLayout.URBANSOUND8K, ds.layout());
        assertEquals(List.of("children_playing", "dog_bark"), ds.labels());
        assertEquals(d.resolve("audio/fold5/100032-3-0-0.wav"), ds.clips().get(0).path());
        assertEquals(5, ds.clips().get(0).fold());
    }

    @Test
    void folderPerClassTakesSubfoldersAsLabelsAndHasNoFolds() throws IOException {
        Path d = tmp.resolve("fpc");
        touch(d.resolve("cat/a.wav"));
        touch(d.resolve("cat/b.OGG"));
        touch(d.resolve("cat/notes.txt"));
        touch(d.resolve("dog/x.flac"));
        Files.createDirectories(d.resolve("empty"));
        Dataset ds = Dataset.open(d);
        assertEquals(DatasetLayout.FOLDER_PER_CLASS, ds.layout());
        assertEquals(List.of("cat", "dog"), ds.labels());
        assertEquals(3, ds.clips().size());
        assertFalse(ds.hasFolds());
    }

    @Test
    void gtzanStyleTreesOfAuAndAiffFilesAreFolderPerClass() throws IOException {
        Path d = tmp.resolve("genres");
        touch(d.resolve("blues/blues.00000.au"));
        touch(d.resolve("blues/blues.00001.AU"));
        touch(d.resolve("jazz/jazz.00000.snd"));
        touch(d.resolve("jazz/jazz.00001.aifc"));
        touch(d.resolve("jazz/jazz.00002.aif"));
        touch(d.resolve("metal/metal.00000.aiff"));
        touch(d.resolve("metal/metal.00000.au.txt"));
        Dataset ds = Dataset.open(d);
        assertEquals(DatasetLayout.FOLDER_PER_CLASS, ds.layout());
        assertEquals(List.of("blues", "jazz", "metal"), ds.labels());
        assertEquals(List.of("blues.00000.au", "blues.00001.AU", "jazz.00000.snd", "jazz.00001.aifc", "jazz.00002.aif",
                "metal.00000.aiff"), ds.clips().stream().map(c -> c.path().getFileName().toString()).sorted().toList());
    }

    @Test
    void badLayoutsNameTheDirectoryAndWhatWasExpected() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("nothing"));
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.open(empty));
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("meta/esc50.csv"), e.getMessage());

        Path missing = tmp.resolve("absent");
        e = assertThrows(BadInputException.class, () -> Dataset.open(missing));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());

        Path noAudio = tmp.resolve("escNoAudio");
        Files.createDirectories(noAudio.resolve("meta"));
        Files.writeString(noAudio.resolve("meta/esc50.csv"), "filename,fold,target,category\n");
        e = assertThrows(BadInputException.class, () -> Dataset.open(noAudio));
        assertTrue(e.getMessage().contains("audio/ missing"), e.getMessage());

        Path badHeader = tmp.resolve("escBadHeader");
        Files.createDirectories(badHeader.resolve("meta"));
        Files.createDirectories(badHeader.resolve("audio"));
        Files.writeString(badHeader.resolve("meta/esc50.csv"), "file,fold\nx.ogg,1\n");
        e = assertThrows(BadInputException.class, () -> Dataset.open(badHeader));
        assertTrue(e.getMessage().contains("header lacks column(s) filename, target, category"), e.getMessage());

        Path badFold = tmp.resolve("escBadFold");
        Files.createDirectories(badFold.resolve("meta"));
        Files.createDirectories(badFold.resolve("audio"));
        Files.writeString(badFold.resolve("meta/esc50.csv"), "filename,fold,target,category\nx.ogg,one,0,dog\n");
        e = assertThrows(BadInputException.class, () -> Dataset.open(badFold));
        assertTrue(e.getMessage().contains("line 2: fold is not a whole number: 'one'"), e.getMessage());

        Path oneClass = tmp.resolve("oneClass");
        touch(oneClass.resolve("cat/a.wav"));
        e = assertThrows(BadInputException.class, () -> Dataset.open(oneClass));
        assertTrue(e.getMessage().contains("only one label"), e.getMessage());
    }

    @Test
    void stratifiedFoldsAreBalancedPerLabelAndSeeded() {
        List<Clip> clips = new ArrayList<>();
        int[] perLabel = {10, 7, 5, 13};
        for (int l = 0; l < perLabel.length; l++) {
            for (int i = 0; i < perLabel[l]; i++) {
                clips.add(new Clip(Path.of("l" + l + "_" + i + ".wav"), "l" + l, l, 0));
            }
        }
        Dataset ds = Dataset.of(Path.of("."), DatasetLayout.FOLDER_PER_CLASS, List.of("l0", "l1", "l2", "l3"), clips);
        int k = 5;
        Dataset a = ds.withStratifiedFolds(k, 42);
        assertTrue(a.hasFolds());
        assertEquals(List.of(1, 2, 3, 4, 5), a.folds());
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int l = 0; l < perLabel.length; l++) {
            int[] count = new int[k + 1];
            for (Clip c : a.clips()) {
                if (c.labelIndex() == l) {
                    count[c.fold()]++;
                }
            }
            for (int f = 1; f <= k; f++) {
                // every label spread evenly: floor or ceil of n/k in each fold
                assertTrue(count[f] == perLabel[l] / k || count[f] == (perLabel[l] + k - 1) / k,
                        "label " + l + " fold " + f + " has " + count[f]);
            }
        }
        for (Clip c : a.clips()) {
            sizes.merge(c.fold(), 1, Integer::sum);
        }
        int min = sizes.values().stream().mapToInt(i -> i).min().orElseThrow();
        int max = sizes.values().stream().mapToInt(i -> i).max().orElseThrow();
        assertTrue(max - min <= 1, "fold sizes " + sizes);
        assertEquals(a.clips(), ds.withStratifiedFolds(k, 42).clips(), "same seed, same folds");
        assertNotEquals(a.clips(), ds.withStratifiedFolds(k, 43).clips(), "other seed, other folds");
    }
}
