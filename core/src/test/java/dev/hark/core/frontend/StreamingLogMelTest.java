package dev.hark.core.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Property: however the stream is chunked, the streaming front end gives LogMel.logMel's frames bit for bit. */
class StreamingLogMelTest {
    private record Emitted(long index, float[] frame) {
    }

    @Test
    void randomChunkingsGiveIdenticalFrames() {
        float[] wave = Golden.f32("dogbark.wave.f32");
        Random random = new Random(20261121L);
        for (FrontEndVariant variant : FrontEndVariant.values()) {
            float[][] expected = LogMel.logMel(wave, variant);
            for (int trial = 0; trial < 40; trial++) {
                // Chunk sizes from 0 to a few windows, sometimes huge, sometimes single samples.
                int maxChunk = switch (trial % 4) {
                    case 0 -> 3;
                    case 1 -> 500;
                    case 2 -> 9000;
                    default -> 40_000;
                };
                List<Emitted> got = new ArrayList<>();
                StreamingLogMel s = new StreamingLogMel(variant, (i, f) -> got.add(new Emitted(i, f)));
                // Feed from a larger array at a random offset, to exercise offset handling.
                int pos = 0;
                while (pos < wave.length) {
                    int len = Math.min(wave.length - pos, random.nextInt(maxChunk + 1));
                    int pad = random.nextInt(5);
                    float[] carrier = new float[pad + len + random.nextInt(5)];
                    java.util.Arrays.fill(carrier, Float.NaN); // anything read outside the range shows up
                    System.arraycopy(wave, pos, carrier, pad, len);
                    s.accept(carrier, pad, len);
                    pos += len;
                }
                assertEquals(wave.length, s.samplesAccepted());
                assertEquals(expected.length, got.size(), variant + " trial " + trial + ": frame count");
                assertEquals(expected.length, s.framesEmitted());
                for (int f = 0; f < expected.length; f++) {
                    assertEquals(f, got.get(f).index(), "frame index");
                    assertArrayEquals(expected[f], got.get(f).frame(), variant + " trial " + trial + " frame " + f);
                    if (f > 0) {
                        assertNotSame(got.get(f - 1).frame(), got.get(f).frame(), "each frame is a fresh array");
                    }
                }
            }
        }
    }

    @Test
    void emittedFramesAreNeverRewritten() {
        float[] wave = Golden.f32("noise.wave.f32");
        List<float[]> got = new ArrayList<>();
        List<float[]> copies = new ArrayList<>();
        StreamingLogMel s = new StreamingLogMel(FrontEndVariant.YAMNET, (i, f) -> {
            got.add(f);
            copies.add(f.clone());
        });
        s.accept(wave);
        s.accept(wave);
        assertEquals(FrontEndParams.frameCount(2L * wave.length), got.size());
        for (int i = 0; i < got.size(); i++) {
            assertArrayEquals(copies.get(i), got.get(i), "frame " + i + " changed after it was emitted");
        }
    }

    @Test
    void resetStartsANewStream() {
        float[] wave = Golden.f32("chirp.wave.f32");
        List<Emitted> got = new ArrayList<>();
        StreamingLogMel s = new StreamingLogMel(FrontEndVariant.VGGISH, (i, f) -> got.add(new Emitted(i, f)));
        s.accept(wave, 0, 1234);
        s.reset();
        got.clear();
        s.accept(wave);
        float[][] expected = LogMel.logMel(wave, FrontEndVariant.VGGISH);
        assertEquals(expected.length, got.size());
        assertEquals(0, got.get(0).index());
        assertArrayEquals(expected[0], got.get(0).frame());
        assertArrayEquals(expected[expected.length - 1], got.get(got.size() - 1).frame());
    }
}
