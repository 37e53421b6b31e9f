package dev.hark.models.jsonl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hark.core.events.DetectionEvent;
import dev.hark.models.pipeline.LabelScore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one JSON-lines schema of classify and listen, to the character. */
class JsonLinesTest {
    static final List<LabelScore> LABELS = List.of(new LabelScore("Beep, bleep", 0.8767133f),
            new LabelScore("Sound effect", 0.06586009f));

    @Test
    void windowsOfAFileAndOfTheListener() {
        assertEquals("{\"type\":\"window\",\"file\":\"/tmp/beep.wav\",\"index\":0,\"start\":0.0,\"end\":0.975,"
                + "\"ran\":true,\"padded\":true,\"labels\":[{\"label\":\"Beep, bleep\",\"score\":0.8767133},"
                + "{\"label\":\"Sound effect\",\"score\":0.06586009}]}",
                JsonLines.write(new WindowLine("/tmp/beep.wav", 0, 0.0, 0.975, true, true, LABELS)));
        // no file, not padded, gate closed: those keys are left out or false, labels empty
        assertEquals("{\"type\":\"window\",\"index\":3,\"start\":1.44,\"end\":2.415,\"ran\":false,\"labels\":[]}",
                JsonLines.write(new WindowLine(null, 3, 0.48 * 3, 0.48 * 3 + 0.975, false, false, List.of())));
    }

    @Test
    void summaryAndEvents() {
        assertEquals("{\"type\":\"summary\",\"file\":\"/tmp/beep.wav\",\"duration\":0.5,\"windows\":1,\"padded\":true,"
                + "\"labels\":[{\"label\":\"Beep, bleep\",\"score\":0.8767133},{\"label\":\"Sound effect\","
                + "\"score\":0.06586009}]}", JsonLines.write(new SummaryLine("/tmp/beep.wav", 0.5, 1, true, LABELS)));
        Instant now = Instant.parse("2026-11-21T12:06:38.877648192Z");
        DetectionEvent onset = new DetectionEvent(DetectionEvent.Type.ONSET, "Dog", 0.4642378f, 5.295, 4.32, 5.295);
        assertEquals("{\"type\":\"onset\",\"label\":\"Dog\",\"score\":0.4642378,\"time\":5.295,\"start\":4.32,"
                + "\"end\":5.295,\"wallclock\":\"2026-11-21T12:06:38.877648192Z\"}", JsonLines.write(EventLine.of(onset, now)));
        DetectionEvent offset = new DetectionEvent(DetectionEvent.Type.OFFSET, "Dog", 0.91429245f, 7.215, 4.32, 6.255);
        assertEquals("{\"type\":\"offset\",\"label\":\"Dog\",\"score\":0.91429245,\"time\":7.215,\"start\":4.32,"
                + "\"end\":6.255,\"duration\":1.935,\"wallclock\":\"2026-11-21T12:06:38.877648192Z\"}",
                JsonLines.write(EventLine.of(offset, now)));
    }
}
