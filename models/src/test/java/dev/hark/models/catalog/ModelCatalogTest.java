package dev.hark.models.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The catalogue agrees with the published checksums and with the build's packing check. */
class ModelCatalogTest {
    @Test
    void checksumsMatchSharedSha256SumsAndTheBuildsCheck() throws Exception {
        Map<String, String> sums = new HashMap<>();
        for (String model : List.of("yamnet", "vggish")) {
            for (String line : Files.readAllLines(TestData.shared().resolve("models/" + model + "/SHA256SUMS"))) {
                String[] f = line.trim().split("\\s+");
                sums.put(model + "/" + f[1], f[0]);
            }
        }
        String pom = Files.readString(Path.of("pom.xml"));
        int pinned = 0;
        for (KnownModel m : ModelCatalog.all()) {
            for (ModelFile f : m.files()) {
                if (f.pinned()) {
                    pinned++;
                    assertEquals(sums.get(m.name() + "/" + f.fileName()), f.sha256(), f.fileName());
                    assertTrue(pom.contains(">" + f.sha256() + "<"), "models/pom.xml checks " + f.fileName());
                }
            }
        }
        assertEquals(3, pinned);
        Matcher shaInPom = Pattern.compile(">([0-9a-f]{64})<").matcher(pom);
        int inPom = 0;
        while (shaInPom.find()) {
            inPom++;
        }
        // and the AudioSet ontology the concepts are built from (packed beside the model, not a model file)
        assertTrue(pom.contains(">" + sums.get("yamnet/ontology.json") + "<"), "models/pom.xml checks ontology.json");
        assertEquals(pinned + 1, inPom, "the pom checks exactly the pinned files and the ontology");
    }

    @Test
    void entriesDescribeTheModels() {
        KnownModel y = ModelCatalog.byName("YAMNet").orElseThrow();
        assertEquals(FrontEndVariant.YAMNET, y.frontEnd());
        assertEquals("log_mel_patch", y.inputName());
        assertEquals(List.of("scores", "embedding"), y.outputNames());
        assertEquals(1024, y.embeddingSize());
        assertEquals("yamnet_class_map.csv", y.labelFile());
        KnownModel v = ModelCatalog.byName("vggish").orElseThrow();
        assertEquals(FrontEndVariant.VGGISH, v.frontEnd());
        assertEquals(128, v.embeddingSize());
        assertFalse(v.graph().pinned());
        assertTrue(ModelCatalog.byName("nope").isEmpty());
        assertEquals("yamnet.onnx", ModelCatalog.fileNamed("yamnet.onnx").orElseThrow().fileName());
    }

    @Test
    void packedCopiesAreFoundAndIntact() {
        for (KnownModel m : ModelCatalog.all()) {
            for (ModelFile f : m.files()) {
                if (f.pinned()) {
                    FileStatus s = FileStatus.of(m, f);
                    assertEquals(FileStatus.State.INTACT, s.state(), s.toString());
                }
            }
        }
    }
}
