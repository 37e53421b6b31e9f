package dev.hark.live.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        new PcmDecoder(16, 1, true, true).decode(bytes, 0, bytes.length, out, 0);
        for (int i = 0; i < 65536; i++) {
            assertEquals((float) (bb.getShort(2 * i) / 32768.0), out[i]);
        }
    }

    @Test
    void eightAndTwentyFourBitAndStereo() {
        float[] out = new float[4];
        new PcmDecoder(8, 1, false, false).decode(new byte[] {0, (byte) 128, (byte) 255}, 0, 3, out, 0);
        assertEquals(-1f, out[0]);
        assertEquals(0f, out[1]);
        assertEquals(127 / 128f, out[2]);

        // 24-bit LE: -8388608 (0x800000), 1 (0x000001), 8388607 (0x7fffff)
        byte[] b24 = {0, 0, (byte) 0x80, 1, 0, 0, (byte) 0xff, (byte) 0xff, 0x7f};
        new PcmDecoder(24, 1, true, false).decode(b24, 0, b24.length, out, 0);
        assertEquals(-1f, out[0]);
        assertEquals((float) (1 / 8388608.0), out[1]);
        assertEquals((float) (8388607 / 8388608.0), out[2]);
        byte[] b24be = {(byte) 0x80, 0, 0, 0, 0, 1};
        new PcmDecoder(24, 1, true, true).decode(b24be, 0, b24be.length, out, 0);
        assertEquals(-1f, out[0]);
        assertEquals((float) (1 / 8388608.0), out[1]);

        // stereo 16-bit LE: left 16384, right -16384 -> 0; left 32767, right 32767 -> 32767/32768
        byte[] st = {0, 0x40, 0, (byte) 0xc0, (byte) 0xff, 0x7f, (byte) 0xff, 0x7f, 1};
        int n = new PcmDecoder(16, 2, true, false).decode(st, 0, st.length, out, 0);
        assertEquals(2, n, "trailing partial frame ignored");
        assertEquals(0f, out[0]);
        assertEquals(32767 / 32768f, out[1]);
    }

    @Test
    void rejectsUnsupportedSampleSizes() {
        assertThrows(BadInputException.class, () -> new PcmDecoder(12, 1, true, false));
        assertThrows(BadInputException.class, () -> new PcmDecoder(16, 0, true, false));
    }
}
