package dev.hark.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's comparison rules: exact but for timings, progress lines and, where asked, numbers. */
class OutputMatchTest {
    @Test
    void timingsAndProgressLinesAreNotComparedEverythingElseIs() {
        List<String> readme = List.of("train: 12/12 files (100 %), 7.3 files/s",
                "trained on 12 clips, 3 labels in 2.84 s (accuracy on the training clips 100.00 %)",
                "Wrote x.onnx (321,074 bytes, opset 13) in 0.8 s (read 0.1 s, build 0.2 s, verify 0.4 s)",
                "{\"type\":\"onset\",\"time\":5.295,\"wallclock\":\"2026-11-21T12:06:38.877648192Z\"}",
                "summary: 18.4 s of audio processed in 0.5 s, processing CPU 0.10 s");
        List<String> run = List.of("train: 6/12 files (50 %), 3.0 files/s", "train: 12/12 files (100 %), 3.5 files/s",
                "trained on 12 clips, 3 labels in 5.20 s (accuracy on the training clips 100.00 %)",
                "Wrote x.onnx (321,074 bytes, opset 13) in 3.8 s (read 0.8 s, build 1.1 s, verify 2.0 s)",
                "{\"type\":\"onset\",\"time\":5.295,\"wallclock\":\"2026-12-02T00:36:23.959503287Z\"}",
                "summary: 18.4 s of audio processed in 1.0 s, processing CPU 0.33 s");
        assertNull(OutputMatch.difference(readme, run, false));
        // a stream time, a size, an accuracy are exact
        assertEquals("output line 2 differs:\n    README: trained on 12 clips, 3 labels in 2.84 s (accuracy on the "
                + "training clips 100.00 %)\n    actual: trained on 12 clips, 3 labels in 2.84 s (accuracy on the "
                + "training clips 91.67 %)", OutputMatch.difference(readme.subList(0, 2), List.of(readme.get(0),
                "trained on 12 clips, 3 labels in 2.84 s (accuracy on the training clips 91.67 %)"), false));
        assertEquals("output line 1 differs:\n    README: summary: 18.4 s of audio\n    actual: summary: 18.5 s of "
                + "audio", OutputMatch.difference(List.of("summary: 18.4 s of audio"), List.of("summary: 18.5 s of audio"),
                false));
        assertEquals("the command printed 1 more line(s), from output line 2: extra",
                OutputMatch.difference(List.of("a"), List.of("a", "extra"), false));
        assertEquals("the README shows 1 more line(s), from output line 1: a",
                OutputMatch.difference(List.of("a"), List.of(), false));
    }

    @Test
    void onAnotherCpuMarkedBlocksCompareTheirWordsOnly() {
        List<String> readme = List.of("fold 3: 85.00 % (340/400; trained on 1200 clips)");
        List<String> other = List.of("fold 3: 85.75 % (343/400; trained on 1200 clips)");
        assertNull(OutputMatch.difference(readme, other, true));
        assertEquals("output line 1 differs:\n    README: " + readme.get(0) + "\n    actual: " + other.get(0),
                OutputMatch.difference(readme, other, false));
        assertEquals("output line 1 differs:\n    README: fold 3: 85.00 %\n    actual: fold three: 85.00 %",
                OutputMatch.difference(List.of("fold 3: 85.00 %"), List.of("fold three: 85.00 %"), true));
    }
}
