package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.testkit.TestData;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scores {@code hark classify} prints for a 16 kHz WAV equal, within 1e-3, those of an independent
 * float64 implementation (naive-DFT front end plus an interpreter of the YAMNet graph, {@link ReferenceYamnet}).
 */
class ClassifyReferenceTest {
    @TempDir
    Path tmp;

    /** 2.5 s: the golden dog bark (1.5 s to 4 s of it) over seeded low noise, as 16-bit PCM values. */
    static short[] clip() throws Exception {
        Path dog = TestData.shared("golden/frontend/dogbark.wave.f32");
        ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(dog)).order(ByteOrder.LITTLE_ENDIAN);
        float[] d = new float[bb.remaining() / 4];
        bb.asFloatBuffer().get(d);
        Random r = new Random(5);
        short[] pcm = new short[40000];
        for (int i = 0; i < pcm.length; i++) {
            double v = 0.9 * d[24000 + i] + 0.003 * r.nextGaussian();
            pcm[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v * 32768)));
        }
        return pcm;
    }

    /** A canonical 44-byte-header PCM WAV, written here so that Hark's writer is not involved either. */
    static byte[] wav(short[] pcm) {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * pcm.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * pcm.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(16000).putInt(32000)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * pcm.length);
        for (short s : pcm) {
            b.putShort(s);
        }
        return b.array();
    }

    @Test
    void printedScoresMatchTheFloat64ReferenceWithin1e3() throws Exception {
        short[] pcm = clip();
        Path file = tmp.resolve("dog16k.wav");
        Files.write(file, wav(pcm));

        Object[] r = HarkCommandTest.run("classify", "--raw-labels", "--format", "jsonl", "--top", "521", "--threads", "1",
                file.toString());
        assertEquals(0, r[0], (String) r[2]);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> windows = new ArrayList<>();
        for (String line : ((String) r[1]).split("\n")) {
            JsonNode n = json.readTree(line);
            if (n.get("type").asText().equals("window")) {
                windows.add(n);
            }
        }
        // 40000 samples: 248 frames, windows at frames 0, 48, 96, 144
        assertEquals(4, windows.size());

        double[] x = new double[pcm.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pcm[i] / 32768.0;
        }
        double[][] frames = ReferenceYamnet.logMel(x);
        assertEquals(248, frames.length);
        ReferenceYamnet ref = new ReferenceYamnet(
                TestData.shared("models/yamnet/yamnet.onnx"));
        List<String> labels = new ArrayList<>();
        for (String line : Files.readAllLines(TestData.shared("models/yamnet/yamnet_class_map.csv")).subList(1, 522)) {
            // display names are the third CSV field, quoted when they contain commas
            String name = line.substring(line.indexOf(',', line.indexOf(',') + 1) + 1);
            labels.add(name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name);
        }
        double worst = 0;
        int dogWindows = 0;
        for (int w = 0; w < 4; w++) {
            double[][] patch = new double[96][];
            System.arraycopy(frames, 48 * w, patch, 0, 96);
            double[] want = ref.run(patch).get("scores").data();
            JsonNode printed = windows.get(w).get("labels");
            assertEquals(521, printed.size());
            Map<String, Double> got = new HashMap<>();
            for (JsonNode l : printed) {
                got.put(l.get("label").asText(), l.get("score").asDouble());
            }
            assertEquals(521, got.size());
            for (int i = 0; i < 521; i++) {
                double g = got.get(labels.get(i));
                worst = Math.max(worst, Math.abs(g - want[i]));
                assertEquals(want[i], g, 1e-3, "window " + w + " label " + labels.get(i));
            }
            if (got.get("Dog") > 0.3) {
                dogWindows++;
            }
        }
        System.out.printf("classify vs float64 reference: max abs score difference %.2e over 4 x 521 scores%n", worst);
        assertTrue(dogWindows >= 1, "the bark is heard as a dog in at least one window");
    }
}
