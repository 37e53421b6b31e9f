package dev.hark.importers.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.ModelException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A tensor's offset and strides come from the pickle: computed exactly, so that values near 2^63 are refused (exit 3,
 * one line naming the file and the tensor) instead of wrapping around into the storage. Before, a stride of 2^62
 * wrapped to an in-range index and the tensor silently read element 0 four times.
 */
class TensorRefOverflowTest {
    private static final Path FILE = Path.of("crafted.pth");
    private static final float[] ROOT = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final StorageRef STORAGE = new StorageRef("0", StorageType.FLOAT, ROOT.length, 0);

    @Test
    void aValidStridedViewReads() {
        TensorRef t = new TensorRef(STORAGE, 1, new int[] {2, 2}, new long[] {1, 4});   // a transposed view
        assertArrayEquals(new float[] {2, 6, 3, 7}, t.materialise(FILE, "w", ROOT).data());
    }

    @Test
    void aStrideOfTwoToThe62IsRefusedNotWrappedAround() {
        refused(new TensorRef(STORAGE, 0, new int[] {4}, new long[] {1L << 62}), "strides");
        refused(new TensorRef(STORAGE, 0, new int[] {3, 2}, new long[] {Long.MAX_VALUE / 2 + 1, 1}), "strides");
    }

    @Test
    void anOffsetNearTwoToThe63IsRefused() {
        StorageRef view = new StorageRef("0", StorageType.FLOAT, 4, 4);   // a legacy view 4 elements into its root
        refused(new TensorRef(view, Long.MAX_VALUE - 2, new int[] {2}, new long[] {1}), "offset");
        refused(new TensorRef(STORAGE, Long.MAX_VALUE, new int[] {1}, new long[] {1}), "reaches past");
    }

    private static void refused(TensorRef t, String expected) {
        ModelException e = assertThrows(ModelException.class, () -> t.materialise(FILE, "w", ROOT));
        String m = e.getMessage();
        assertTrue(m.startsWith(FILE + ": tensor 'w' "), m);
        assertTrue(m.contains(expected), m);
        assertFalse(m.contains("\n"), m);
    }
}
