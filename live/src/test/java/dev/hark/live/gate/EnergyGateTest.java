package dev.hark.live.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnergyGateTest {
    private static final int F = ActivityGate.FRAME_SAMPLES;

    /** A sine at the given RMS level in dBFS. */
    private static float[] tone(double dbfs, int samples) {
        double amp = Math.sqrt(2) * Math.pow(10, dbfs / 20);
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * 1000 * i / 16000.0));
        }
        return x;
    }

    private static float[] noise(double dbfs, int samples, long seed) {
        Random r = new Random(seed);
        double sd = Math.pow(10, dbfs / 20);
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (float) (r.nextGaussian() * sd);
        }
        return x;
    }

    @Test
    void levelOfAKnownSine() {
        assertEquals(-20.0, EnergyGate.levelDbfs(tone(-20, F), 0, F), 0.01);
        assertEquals(EnergyGate.MIN_LEVEL_DBFS, EnergyGate.levelDbfs(new float[F], 0, F));
    }

    @Test
    void silenceIsInactiveAndASoundAboveThresholdIsActive() {
        EnergyGate g = new EnergyGate(-50, 10);
        assertFalse(g.isActive(new float[F], 0));
        assertTrue(g.isActive(tone(-30, F), 0));
    }

    @Test
    void soundBelowTheFixedThresholdNeverOpens() {
        EnergyGate g = new EnergyGate(-50, 10);
        float[] quiet = tone(-55, F);
        for (int i = 0; i < 100; i++) {
            assertFalse(g.isActive(new float[F], 0));
        }
        assertFalse(g.isActive(quiet, 0), "below the fixed threshold, even far above the floor");
    }

    @Test
    void steadyBackgroundRaisesTheFloorAndClosesTheGateButALouderSoundOpensIt() {
        EnergyGate g = new EnergyGate(-60, 10);
        float[] hum = noise(-40, F * 3000, 1); // 90 s of steady noise at -40 dBFS
        int lastActive = -1;
        for (int i = 0; i < 3000; i++) {
            if (g.isActive(hum, i * F)) {
                lastActive = i;
            }
        }
        assertTrue(lastActive > 0 && lastActive < 2999, "the gate closes once the floor caught up: " + lastActive);
        assertTrue(g.floorDbfs() > -51 && g.floorDbfs() <= -39.5, "floor near the hum: " + g.floorDbfs());
        assertTrue(g.isActive(tone(-20, F), 0), "a sound 20 dB above the hum opens it");
    }

    @Test
    void floorFollowsTheLevelDownAtOnce() {
        EnergyGate g = new EnergyGate(-50, 10);
        g.isActive(tone(-80, F), 0);
        assertEquals(-80, g.floorDbfs(), 0.01);
        g.reset();
        assertEquals(-60, g.floorDbfs(), 1e-9);
    }

    @Test
    void timelineHangoverAndWindowQuery() {
        GateTimeline t = new GateTimeline(List.of(new EnergyGate(-50, 10)), 300);
        float[] x = new float[16000 * 4];
        float[] burst = tone(-20, 1600); // 0.1 s at 1.0 s
        System.arraycopy(burst, 0, x, 16000, burst.length);
        // feed in odd-sized pieces: the decisions must not depend on chunking
        int p = 0;
        int[] sizes = {1, 479, 1000, 77, 3333};
        int s = 0;
        while (p < x.length) {
            int n = Math.min(sizes[s++ % sizes.length], x.length - p);
            t.accept(x, p, n);
            p += n;
        }
        assertEquals(x.length / F, t.framesDecided());
        assertFalse(t.openDuring(0, 15000));
        assertTrue(t.openDuring(0, 16100));
        // open from frame 33 (1.0 s is inside frame 33) through the burst's last frame plus 10 frames (300 ms)
        long lastBurstFrame = (16000 + 1600 - 1) / F;
        assertTrue(t.openDuring((lastBurstFrame + 10) * F, (lastBurstFrame + 11) * F));
        assertFalse(t.openDuring((lastBurstFrame + 11) * F, (lastBurstFrame + 12) * F));
        assertFalse(t.openDuring(2 * 16000, 3 * 16000));
        assertEquals(lastBurstFrame + 11 - 16000 / F, t.framesOpen());
    }

    @Test
    void closedFramesCountTheQuietSinceTheGateWasLastOpen() {
        GateTimeline t = new GateTimeline(List.of(new EnergyGate(-50, 10)), 300);
        assertEquals(0, t.closedFrames(), "nothing decided yet");
        float[] quiet = tone(-80, 10 * F);
        t.accept(quiet, 0, quiet.length);
        assertEquals(10, t.closedFrames(), "never open: every frame decided");
        float[] burst = tone(-20, 2 * F);
        t.accept(burst, 0, burst.length);
        assertEquals(0, t.closedFrames(), "open");
        t.accept(quiet, 0, 10 * F); // the 300 ms hangover keeps it open for 10 frames
        assertEquals(0, t.closedFrames());
        assertTrue(t.isOpen());
        t.accept(quiet, 0, 3 * F);
        assertFalse(t.isOpen());
        assertEquals(3, t.closedFrames());
        t.accept(quiet, 0, F / 2); // half a frame decides nothing
        assertEquals(3, t.closedFrames());
    }
}
