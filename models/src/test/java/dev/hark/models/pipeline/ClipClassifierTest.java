package dev.hark.models.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.audio.WavWriter;
import dev.hark.errors.BadInputException;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.head.AudioSetHead;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.hark.testkit.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipClassifierTest {
    static Embedder yamnet;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        yamnet = Embedders.open("yamnet", 1);
    }

    @AfterAll
    static void close() {
        yamnet.close();
    }

    @Test
    void windowsAreTheAnalyzersAndTheSummaryTheirMean() throws Exception {
        float[] samples = WindowAnalyzerTest.signal(3.0, 2);
        List<WindowResult> want = WindowAnalyzer.builder(yamnet).classifier(AudioSetHead.of(yamnet)).hopFrames(30).build().analyze(samples);
        ClipClassifier c = ClipClassifier.of(yamnet, AudioSetHead.of(yamnet), 30);
        assertEquals(0.30, c.hopSeconds(), 1e-12);
        Path wav = tmp.resolve("s.wav");
        WavWriter.writePcm16(wav, samples, 16000);
        List<WindowResult> fromSamples = new ArrayList<>();
        ClipSummary s = c.classify(samples, fromSamples::add);
        assertEquals(want.size(), fromSamples.size());
        assertEquals(want.size(), s.windows());
        assertEquals(3.0, s.durationSeconds(), 1e-12);
        assertFalse(s.padded());
        for (int i = 0; i < want.size(); i++) {
            assertArrayEquals(want.get(i).scores(), fromSamples.get(i).scores(), "window " + i + " bit for bit");
        }
        for (int l = 0; l < s.labels().size(); l++) {
            double sum = 0;
            for (WindowResult w : want) {
                sum += w.scores()[l];
            }
            assertEquals((float) (sum / want.size()), s.meanScores()[l], "mean of label " + l);
        }
        assertEquals(3, s.top(3).size());
        assertEquals(TopK.of(s.meanScores(), s.labels(), 3), s.top(3));

        // a file streams through the same windows (16-bit PCM: the scores of the quantised signal)
        List<WindowResult> fromFile = new ArrayList<>();
        ClipSummary f = c.classify(wav, fromFile::add);
        assertEquals(want.size(), f.windows());
        assertEquals(want.get(2).startSeconds(), fromFile.get(2).startSeconds());
    }

    /** The README's library example: the same summary as {@code hark classify} prints for the dog clip. */
    @Test
    void readmeExampleGivesClassifysSummary() {
        Path dog = TestData.shared().resolve("datasets/esc50-dev/audio/1-100032-A-0.ogg");
        Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(dog), "esc50-dev present");
        ClipClassifier classifier = ClipClassifier.of(yamnet, AudioSetHead.of(yamnet), 0);
        ClipSummary s = classifier.classify(dog, w -> { });
        String top = s.top(3).stream().map(l -> String.format(java.util.Locale.ROOT, "%s %.4f", l.label(), l.score()))
                .collect(java.util.stream.Collectors.joining("; "));
        assertEquals("Silence 0.6692; Dog 0.1137; Domestic animals, pets 0.1123", top);
        assertEquals(9, s.windows());
    }

    @Test
    void aShortClipIsPaddedToOneWindowAndAnEmptyOneRefused() {
        ClipClassifier c = ClipClassifier.of(yamnet, AudioSetHead.of(yamnet), 0);
        assertEquals(48, c.hopFrames());
        ClipSummary s = c.classify(WindowAnalyzerTest.signal(0.4, 1), w -> assertTrue(w.padded()));
        assertEquals(1, s.windows());
        assertTrue(s.padded());
        assertEquals(0.4, s.durationSeconds(), 1e-12);
        assertThrows(BadInputException.class, () -> c.classify(new float[0], w -> { }));
    }
}
