package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end: {@code hark models import-yamnet} through Hark.run on the genuine TF Hub export. */
class ImportYamnetCommandTest {
    static final Path TFLITE = TestData.shared("models/yamnet/source/yamnet_tfhub_dynrange_int8.tflite");

    @TempDir
    Path tmp;

    @Test
    void importsTheGenuineFile() {
        Path out = tmp.resolve("y.onnx");
        Object[] r = HarkCommandTest.run("models", "import-yamnet", TFLITE.toString(), "--out", out.toString(),
                "--scale-decimals", "6");
        String text = (String) r[1];
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        assertTrue(Files.isRegularFile(out));
        assertTrue(text.contains("input 'waveform' [15600] FLOAT32"), text);
        assertTrue(text.contains("Dropped its built-in front end (COMPLEX_ABS, FULLY_CONNECTED, GATHER, LOG, MUL, PAD,"
                + " RESHAPE, RFFT2D)"), text);
        assertTrue(text.contains("Its front end computes log(mel + 0.001), as Hark's YAMNet front end does"), text);
        assertTrue(text.contains("14 CONV_2D, 13 DEPTHWISE_CONV_2D, 1 FULLY_CONNECTED, 1 LOGISTIC, 1 MEAN"), text);
        assertTrue(text.contains("521 classes, embedding 1024"), text);
        assertTrue(text.contains("Use it with --model " + out.toAbsolutePath()), text);

        // the imported graph drives the real classifier: ESC-50's first dog clip is heard as a dog
        Path dog = TestData.shared("datasets/esc50-dev/audio/1-100032-A-0.ogg");
        Object[] c = HarkCommandTest.run("classify", "--raw-labels", dog.toString(), "--model", out.toString(), "--threads", "1");
        assertEquals(ExitCodes.OK, c[0], (String) c[2]);
        String lines = (String) c[1];
        assertTrue(lines.lines().anyMatch(l -> l.contains("Dog 0.72")), lines);
    }

    @Test
    void badInputsAreRefusedWithOneLine() throws Exception {
        Path txt = tmp.resolve("x.tflite");
        Files.writeString(txt, "this is a text file, not a flatbuffer at all");
        Object[] r = HarkCommandTest.run("models", "import-yamnet", txt.toString(), "--out", tmp.resolve("o.onnx").toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        String err = (String) r[2];
        assertTrue(err.startsWith("hark: ") && err.contains("not a TFLite model"), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertFalse(Files.exists(tmp.resolve("o.onnx")));

        Object[] s = HarkCommandTest.run("models", "import-yamnet", TFLITE.toString(), "--out",
                tmp.resolve("yamnet.onnx").toString());
        assertEquals(ExitCodes.BAD_INPUT, s[0]);
        assertTrue(((String) s[2]).contains("belongs to the bundled model"), (String) s[2]);
        assertFalse(Files.exists(tmp.resolve("yamnet.onnx")));
    }
}
