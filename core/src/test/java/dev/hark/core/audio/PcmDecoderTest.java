package dev.hark.core.audio;

import static dev.hark.core.audio.PcmDecoder.Encoding.FLOAT;
import static dev.hark.core.audio.PcmDecoder.Encoding.SIGNED;
import static dev.hark.core.audio.PcmDecoder.Encoding.UNSIGNED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PcmDecoderTest {
    @Test
    void everySigned16BitLittleEndianValueDecodesExactly() {
        byte[] bytes = new byte[65536 * 2];
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
            bb.putShort((short) v);
        }
        float[] out = new float[65536 + 1];
        int n = PcmDecoder.s16le().decode(bytes, 0, bytes.length, out, 1);
        assertEquals(65536, n);
        for (int i = 0; i < 65536; i++) {
            int v = Short.MIN_VALUE + i;
            // independent reference: the JDK's little-endian short read, divided in double precision
            double expected = bb.getShort(2 * i) / 32768.0;
            assertEquals(v / 32768.0, expected);
            assertEquals((float) expected, out[i + 1], "value " + v);
        }
        assertEquals(-1.0f, out[1]);
        assertEquals(32767 / 32768f, out[65536]);
    }

    @Test
    void everySigned16BitBigEndianValueDecodesExactly() {
        byte[] bytes = new byte[65536 * 2];
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
            bb.putShort((short) v);
        }
        float[] out = new float[65536];
        new PcmDecoder(SIGNED, 16, 1, true).decode(bytes, 0, bytes.length, out, 0);
        for (int i = 0; i < 65536; i++) {
            assertEquals((float) (bb.getShort(2 * i) / 32768.0), out[i]);
        }
    }

    @Test
    void eightAndTwentyFourBitAndStereo() {
        float[] out = new float[4];
        new PcmDecoder(UNSIGNED, 8, 1, false).decode(new byte[] {0, (byte) 128, (byte) 255}, 0, 3, out, 0);
        assertEquals(-1f, out[0]);
        assertEquals(0f, out[1]);
        assertEquals(127 / 128f, out[2]);

        // 24-bit LE: -8388608 (0x800000), 1 (0x000001), 8388607 (0x7fffff)
        byte[] b24 = {0, 0, (byte) 0x80, 1, 0, 0, (byte) 0xff, (byte) 0xff, 0x7f};
        new PcmDecoder(SIGNED, 24, 1, false).decode(b24, 0, b24.length, out, 0);
        assertEquals(-1f, out[0]);
        assertEquals((float) (1 / 8388608.0), out[1]);
        assertEquals((float) (8388607 / 8388608.0), out[2]);
        byte[] b24be = {(byte) 0x80, 0, 0, 0, 0, 1};
        new PcmDecoder(SIGNED, 24, 1, true).decode(b24be, 0, b24be.length, out, 0);
        assertEquals(-1f, out[0]);
        assertEquals((float) (1 / 8388608.0), out[1]);

        // stereo 16-bit LE: left 16384, right -16384 -> 0; left 32767, right 32767 -> 32767/32768
        byte[] st = {0, 0x40, 0, (byte) 0xc0, (byte) 0xff, 0x7f, (byte) 0xff, 0x7f, 1};
        int n = new PcmDecoder(SIGNED, 16, 2, false).decode(st, 0, st.length, out, 0);
        assertEquals(2, n, "trailing partial frame ignored");
        assertEquals(0f, out[0]);
        assertEquals(32767 / 32768f, out[1]);
    }

    @Test
    void everyUnsigned16BitValueAndEveryStereoPairOfEqualValuesDecodeExactly() {
        byte[] unsigned = new byte[65536 * 2];
        byte[] stereo = new byte[65536 * 4];
        ByteBuffer u = ByteBuffer.wrap(unsigned).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer st = ByteBuffer.wrap(stereo).order(ByteOrder.LITTLE_ENDIAN);
        for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
            u.putShort((short) (v + 32768));
            st.putShort((short) v).putShort((short) v);
        }
        float[] a = new float[65536];
        float[] b = new float[65536];
        new PcmDecoder(UNSIGNED, 16, 1, false).decode(unsigned, 0, unsigned.length, a, 0);
        new PcmDecoder(SIGNED, 16, 2, false).decode(stereo, 0, stereo.length, b, 0);
        for (int i = 0; i < 65536; i++) {
            float expected = (float) ((Short.MIN_VALUE + i) / 32768.0);
            assertEquals(expected, a[i], "unsigned value " + i);
            assertEquals(expected, b[i], "stereo value " + (Short.MIN_VALUE + i));
        }
    }

    @Test
    void thirtyTwoBitIntegersAndFloats() {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN);
        b.putInt(Integer.MIN_VALUE).putInt(1 << 16).putInt(Integer.MAX_VALUE);
        float[] out = new float[3];
        new PcmDecoder(SIGNED, 32, 1, true).decode(b.array(), 0, 12, out, 0);
        assertEquals(-1f, out[0]);
        assertEquals(0x1p-15f, out[1]);
        assertEquals((float) (Integer.MAX_VALUE / 2147483648.0), out[2]);

        ByteBuffer f = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        f.putFloat(0.25f).putFloat(2.5f).putFloat(Float.NaN).putFloat(Float.NEGATIVE_INFINITY);
        float[] g = new float[4];
        new PcmDecoder(FLOAT, 32, 1, false).decode(f.array(), 0, 16, g, 0);
        assertEquals(0.25f, g[0]);
        assertEquals(1f, g[1], "clamped");
        assertTrue(Float.isNaN(g[2]) && Float.isNaN(g[3]), "non-finite samples are marked");
        assertEquals(2, PcmDecoder.firstNonFinite(g, 0, 4));
        assertEquals(-1, PcmDecoder.firstNonFinite(g, 0, 2));
    }

    @Test
    void rejectsUnsupportedSampleSizes() {
        assertThrows(BadInputException.class, () -> new PcmDecoder(FLOAT, 16, 1, false));
        assertThrows(BadInputException.class, () -> new PcmDecoder(SIGNED, 12, 1, false));
        assertThrows(BadInputException.class, () -> new PcmDecoder(SIGNED, 16, 0, false));
    }
}
