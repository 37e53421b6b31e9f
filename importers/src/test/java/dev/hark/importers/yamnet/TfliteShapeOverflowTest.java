package dev.hark.importers.yamnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.ModelException;
import dev.hark.importers.tflite.TfliteFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TFLite tensor's element count is the product of dimensions read from the file: computed exactly, so that a shape
 * whose product overflows (2^65 wrapped to 0) or two negative dimensions (a positive product) are refused with one
 * line naming the file and the tensor, instead of a constant that silently holds no or other values than declared.
 */
class TfliteShapeOverflowTest {
    @TempDir
    Path tmp;

    @Test
    void elementCountsNeverWrapAround() {
        assertEquals(24, info(2, 3, 4).elements());
        assertEquals(-1, info(-1, 96, 64).elements());
        assertEquals(-1, info(-2, -2).elements());
        assertEquals(Long.MAX_VALUE, info(65536, 65536, 65536, 65536, 2).elements());
    }

    @Test
    void aConstantWhoseShapeOverflowsIsRefused() throws IOException {
        String m = refused(new int[] {65536, 65536, 65536, 65536, 2}, 1f);
        assertTrue(m.contains("more than 2^63 elements"), m);
    }

    @Test
    void aConstantWithTwoNegativeDimensionsIsRefused() throws IOException {
        String m = refused(new int[] {-2, -2}, 1f, 2f, 3f, 4f);
        assertTrue(m.contains("dynamic shape"), m);
    }

    @Test
    void aValidConstantReads() throws IOException {
        TinyTflite t = new TinyTflite();
        int w = t.floats("w", new int[] {2, 2}, new float[] {1, 2, 3, 4});
        Path f = Files.write(tmp.resolve("ok.tflite"), t.build());
        assertArrayEquals(new float[] {1, 2, 3, 4}, TfliteFile.read(f).constantFloats(w));
    }

    private String refused(int[] shape, float... values) throws IOException {
        TinyTflite t = new TinyTflite();
        int w = t.floats("w", shape, values);
        Path f = Files.write(tmp.resolve("crafted.tflite"), t.build());
        TfliteFile file = TfliteFile.read(f);
        String m = assertThrows(ModelException.class, () -> file.constantFloats(w)).getMessage();
        assertTrue(m.startsWith(f + ": constant tensor 'w' "), m);
        assertFalse(m.contains("\n"), m);
        return m;
    }

    private static TfliteFile.TensorInfo info(int... shape) {
        return new TfliteFile.TensorInfo(0, "t", shape, (byte) 0, false);
    }
}
