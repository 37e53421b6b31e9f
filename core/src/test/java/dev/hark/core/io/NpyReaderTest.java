package dev.hark.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyReaderTest {
    @TempDir
    Path dir;

    private NpyArray readBytes(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return Npy.read(f);
    }

    @Test
    void readsIntegerAndDoubleDtypes() throws IOException {
        NpyArray i4 = readBytes("i4.npy", NpyBytes.npy(1, "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }",
                NpyBytes.le(4, -7, 2_000_000_000, 0, 1)));
        assertArrayEquals(new double[] {-7, 2e9, 0, 1}, i4.doubles());
        NpyArray u1 = readBytes("u1.npy", NpyBytes.npy(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }",
                NpyBytes.le(1, 0, 255, 128)));
        assertArrayEquals(new double[] {0, 255, 128}, u1.doubles());
        assertArrayEquals(new int[] {3}, u1.shape());
        NpyArray u2 = readBytes("u2.npy", NpyBytes.npy(1, "{'descr': '<u2', 'fortran_order': False, 'shape': (2,), }",
                NpyBytes.le(2, 65535, 1)));
        assertArrayEquals(new double[] {65535, 1}, u2.doubles());
        NpyArray i8 = readBytes("i8.npy", NpyBytes.npy(2, "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }",
                NpyBytes.le(8, -3, 1L << 40)));
        assertArrayEquals(new double[] {-3, 0x1p40}, i8.doubles());
        NpyArray f8 = readBytes("f8.npy", NpyBytes.npy(3, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }",
                NpyBytes.le(8, Double.doubleToRawLongBits(Math.PI), Double.doubleToRawLongBits(-1e300))));
        assertArrayEquals(new double[][] {{Math.PI, -1e300}}, f8.toDouble2d());
        NpyArray scalar = readBytes("s.npy", NpyBytes.npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }",
                NpyBytes.le(4, Float.floatToRawIntBits(2.5f))));
        assertEquals(0, scalar.rank());
        assertArrayEquals(new float[] {2.5f}, scalar.floats());
    }

    @Test
    void rejectsWhatItCannotRepresentWithOneLineMessages() throws IOException {
        assertRejected("fortran.npy", NpyBytes.npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 1), }",
                NpyBytes.le(4, 0)), "Fortran");
        assertRejected("big.npy", NpyBytes.npy(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", NpyBytes.le(4, 0)),
                "big-endian");
        assertRejected("obj.npy", NpyBytes.npy(1, "{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", NpyBytes.le(8, 0)),
                "object");
        assertRejected("c16.npy", NpyBytes.npy(1, "{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }",
                NpyBytes.le(8, 0, 0)), "unsupported dtype");
        assertRejected("trunc.npy", NpyBytes.npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (10, 10), }",
                NpyBytes.le(4, 1, 2, 3)), "truncated");
        assertRejected("text.npy", "hello, this is not numpy".getBytes(StandardCharsets.US_ASCII), "not a .npy");
        assertRejected("empty.npy", new byte[0], "not a .npy");
        assertRejected("huge.npy", NpyBytes.npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }",
                NpyBytes.le(4, 0)), "too large");
        Path missing = dir.resolve("missing.npy");
        BadInputException e = assertThrows(BadInputException.class, () -> Npy.read(missing));
        assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
        assertThrows(BadInputException.class, () -> Npy.read(dir));
    }

    private void assertRejected(String name, byte[] bytes, String expectedWords) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        BadInputException e = assertThrows(BadInputException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().contains(expectedWords), e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), "names the file: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
