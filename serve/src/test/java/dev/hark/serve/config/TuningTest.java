package dev.hark.serve.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.config.listen.EventSettings;
import dev.hark.errors.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuningTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPatchChangesOnlyWhatItNamesAndSurvivesARestart(@TempDir Path dir) throws Exception {
        Tuning base = Tuning.of(EventSettings.builder().threshold(0.3).labelThreshold("Dog", 0.5).build());
        Tuning t = base.patch(JSON.readTree("{\"watch\": [\"Dog\"]}"));
        assertEquals(0.3, t.threshold());
        assertEquals(Map.of("Dog", 0.5), t.thresholds());
        assertEquals(List.of("Dog"), t.watch());
        Path f = dir.resolve(Tuning.FILE_NAME);
        t.patch(JSON.readTree("{\"threshold\": 0.6}")).save(f);
        Tuning again = Tuning.load(f, base);
        assertEquals(0.6, again.threshold());
        assertEquals(List.of("Dog"), again.watch());
        assertEquals(0.6, again.applyTo(EventSettings.defaults()).threshold());
        assertEquals(0.5, again.applyTo(EventSettings.defaults()).thresholdFor("Dog"));
    }

    @Test
    void badPatchesAreRefused() {
        Tuning base = Tuning.of(EventSettings.defaults());
        for (String bad : new String[] {"{\"threshold\": 2}", "{\"threshold\": \"x\"}", "{\"thresold\": 0.2}",
            "{\"watch\": \"Dog\"}", "{\"thresholds\": {\"Dog\": -1}}", "[1]"}) {
            BadInputException e = assertThrows(BadInputException.class, () -> base.patch(JSON.readTree(bad)), bad);
            assertTrue(e.getMessage().lines().count() == 1, e.getMessage());
        }
    }
}
