package dev.hark.models.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hark.core.audio.AudioFiles;
import dev.hark.core.dataset.Clip;
import dev.hark.models.pipeline.WindowAnalyzer;
import dev.hark.models.pipeline.WindowResult;
import dev.hark.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extractor on real clips: same numbers as the shared WindowAnalyzer, cache hits, bad clips skipped. */
class FeatureExtractionTest {
    @TempDir
    Path tmp;

    private static Path esc(String name) {
        Path p = TestData.shared().resolve("datasets/esc50-dev/audio").resolve(name);
        assumeTrue(Files.isRegularFile(p), "esc50-dev present");
        return p;
    }

    @Test
    void embeddingsEqualTheWindowAnalyzersAndTheCacheHitsOnTheSecondRun() throws IOException {
        Path a = esc("1-100032-A-0.ogg");
        Path b = esc("1-100038-A-14.ogg");
        Path bad = Files.write(tmp.resolve("bad.wav"), new byte[] {'R', 'I', 'F', 'F', 1, 2, 3});
        List<Clip> clips = List.of(new Clip(a, "dog", 0, 1), new Clip(bad, "dog", 0, 1), new Clip(b, "birds", 1, 1));
        EmbeddingCache cache = new EmbeddingCache(tmp.resolve("cache"));
        FeatureExtractor.Result first;
        FeatureExtractor.Result second;
        List<WindowResult> reference;
        try (ClipFeaturizer f = Featurizers.open("yamnet", 0, 1)) {
            first = new FeatureExtractor(f, cache, 2).extract(clips, null);
            second = new FeatureExtractor(f, cache, 2).extract(clips, null);
            reference = WindowAnalyzer.builder(((EmbedderFeaturizer) f).embedder()).build()
                    .analyze(AudioFiles.readMono16k(a));
        }
        assertEquals(2, first.clips().size());
        assertEquals(1, first.failures().size());
        assertEquals(bad, first.failures().get(0).file());
        assertEquals(0, first.cacheHits());
        assertEquals(2, first.computed());
        assertEquals(2, second.cacheHits());
        assertEquals(0, second.computed());

        ClipFeatures dog = first.clips().get(0);
        assertEquals(reference.size(), dog.patches().length);
        for (int i = 0; i < reference.size(); i++) {
            assertArrayEquals(reference.get(i).embedding(), dog.patches()[i], "patch " + i + " as WindowAnalyzer");
            assertEquals(reference.get(i).startSeconds(), dog.patchStartSeconds()[i], 1e-9);
            assertArrayEquals(dog.patches()[i], second.clips().get(0).patches()[i], "cached patch " + i);
        }
        assertTrue(dog.patches().length == 9, "5 s clip, hop 0.48 s: 9 patches");
    }

    @Test
    void mfccRowIs120ValuesAndCachedToo() {
        Path a = esc("1-100032-A-0.ogg");
        EmbeddingCache cache = new EmbeddingCache(tmp.resolve("cache"));
        try (ClipFeaturizer f = Featurizers.open("mfcc", 0, 1)) {
            FeatureExtractor.Result r = new FeatureExtractor(f, cache, 1).extract(List.of(new Clip(a, "dog", 0, 1)), null);
            assertEquals(1, r.clips().get(0).patches().length);
            assertEquals(120, r.clips().get(0).patches()[0].length);
            FeatureExtractor.Result again = new FeatureExtractor(f, cache, 1).extract(List.of(new Clip(a, "dog", 0, 1)), null);
            assertEquals(1, again.cacheHits());
            assertArrayEquals(r.clips().get(0).patches()[0], again.clips().get(0).patches()[0]);
        }
    }

    @Test
    void featuresAreTheSameBitForBitWhateverTheNumberOfDecodeWorkers() {
        List<Clip> clips = new java.util.ArrayList<>();
        String[] names = {"1-100032-A-0.ogg", "1-100038-A-14.ogg", "1-115545-A-48.ogg", "1-100210-A-36.ogg"};
        for (String n : names) {
            clips.add(new Clip(esc(n), "x", 0, 1));
        }
        FeatureExtractor.Result one;
        FeatureExtractor.Result many;
        try (ClipFeaturizer f = Featurizers.open("yamnet", 0, 1)) {
            one = new FeatureExtractor(f, null, 1).extract(clips, null);
            many = new FeatureExtractor(f, null, 3).extract(clips, null);
        }
        assertEquals(names.length, one.clips().size());
        assertEquals(names.length, many.clips().size());
        for (int c = 0; c < names.length; c++) {
            assertEquals(clips.get(c).path(), many.clips().get(c).clip().path(), "clip order kept");
            float[][] a = one.clips().get(c).patches();
            float[][] b = many.clips().get(c).patches();
            assertEquals(a.length, b.length, names[c]);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], names[c] + " patch " + i);
            }
        }
    }

    @Test
    void noiseCopiesFollowTheirClipWithItsLabelFoldAndCleanLevelsAndComeBackFromTheCache() throws IOException {
        Path a = esc("1-100032-A-0.ogg"); // a dog, then digital silence
        Path b = esc("1-100038-A-14.ogg");
        Path bad = Files.write(tmp.resolve("bad.wav"), new byte[] {'R', 'I', 'F', 'F', 1, 2, 3});
        List<Clip> clips = List.of(new Clip(a, "dog", 0, 2), new Clip(bad, "dog", 0, 1), new Clip(b, "birds", 1, 3));
        List<dev.hark.core.audio.NoiseMix> noise = List.of(new dev.hark.core.audio.NoiseMix(10),
                new dev.hark.core.audio.NoiseMix(0));
        EmbeddingCache cache = new EmbeddingCache(tmp.resolve("cache"));
        FeatureExtractor.Result clean;
        FeatureExtractor.Result first;
        FeatureExtractor.Result second;
        FeatureExtractor.Result uncached;
        try (ClipFeaturizer f = Featurizers.open("yamnet", 0, 1)) {
            clean = new FeatureExtractor(f, null, 2).extract(clips, null);
            first = new FeatureExtractor(f, cache, 2, noise).extract(clips, null);
            second = new FeatureExtractor(f, cache, 2, noise).extract(clips, null);
            uncached = new FeatureExtractor(f, null, 1, noise).extract(clips, null);
        }
        assertEquals(6, first.clips().size(), "two readable clips, each clean and at two SNRs");
        assertEquals(1, first.failures().size(), "the bad file is reported once, not once per copy");
        assertEquals(6, first.computed());
        assertEquals(6, second.cacheHits());
        for (int c = 0; c < 2; c++) {
            ClipFeatures base = first.clips().get(3 * c);
            float[][] cleanPatches = clean.clips().get(c).patches();
            for (int i = 0; i < cleanPatches.length; i++) {
                assertArrayEquals(cleanPatches[i], base.patches()[i], "the clean copy is the clip's features");
            }
            for (int k = 1; k <= 2; k++) {
                ClipFeatures copy = first.clips().get(3 * c + k);
                assertEquals(base.clip(), copy.clip(), "same file, label and fold");
                assertArrayEquals(base.patchLevelsDbfs(), copy.patchLevelsDbfs(), "the clean clip's levels");
                assertTrue(!java.util.Arrays.equals(base.patches()[0], copy.patches()[0]), "noise changed it");
                for (int i = 0; i < copy.patches().length; i++) {
                    assertArrayEquals(copy.patches()[i], second.clips().get(3 * c + k).patches()[i], "cached");
                    assertArrayEquals(copy.patches()[i], uncached.clips().get(3 * c + k).patches()[i],
                            "the same noise in every run");
                }
            }
        }
        ClipFeatures dog = first.clips().get(0);
        int last = dog.patches().length - 1;
        assertTrue(!dog.sounding(last, -60), "the dog clip ends in digital silence, which stays out at every SNR");
        assertTrue(!java.util.Arrays.equals(first.clips().get(1).patches()[1], first.clips().get(2).patches()[1]),
                "10 dB and 0 dB are different copies");
    }
}
