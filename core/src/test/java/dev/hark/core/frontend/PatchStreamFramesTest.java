package dev.hark.core.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The frame tap sees every frame of the stream, before its patch, and none of the padding of a short stream. */
class PatchStreamFramesTest {
    @Test
    void theTapGetsTheStreamsFramesAndNotThePadding() {
        Random r = new Random(5);
        for (int n : new int[] {16_000 / 2, 16_000 * 2 + 77}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) (r.nextGaussian() * 0.05);
            }
            List<float[]> tapped = new ArrayList<>();
            List<Long> indices = new ArrayList<>();
            List<LogMelPatch> patches = new ArrayList<>();
            List<Integer> tappedBefore = new ArrayList<>(); // frames tapped when each unpadded patch came
            PatchStream s = new PatchStream(FrontEndVariant.YAMNET, 48, (p, pad) -> {
                patches.add(p);
                if (!pad) {
                    tappedBefore.add(indices.size());
                }
            }, (i, f) -> {
                indices.add(i);
                tapped.add(f);
            });
            s.accept(x, 0, n);
            s.finish();
            float[][] want = LogMel.logMel(x, FrontEndVariant.YAMNET);
            assertEquals(want.length, tapped.size(), n + " samples: the stream's frames only");
            for (int i = 0; i < want.length; i++) {
                assertEquals(i, (long) indices.get(i));
                assertArrayEquals(want[i], tapped.get(i));
            }
            for (int p = 0; p < tappedBefore.size(); p++) {
                assertEquals(patches.get(p).startFrame() + FrontEndParams.PATCH_FRAMES, (long) tappedBefore.get(p),
                        "patch " + p + " comes right after its last frame was tapped");
            }
            if (want.length >= FrontEndParams.PATCH_FRAMES) {
                assertSame(tapped.get(0), patches.get(0).frames()[0], "the very arrays the patches hold");
            } else {
                assertEquals(1, patches.size(), "the short stream is still padded to one patch");
            }
        }
    }
}
