package dev.hark.bench.latency;

/**
 * Where a recorded sound begins for a listener: the first 10 ms frame whose level is within {@link #RELATIVE_DB} of
 * the loudest frame. A data-set clip often opens with its own background (a dog clip with half a second of street
 * before the bark); timed from there, the latency would count the background as part of the wait.
 */
public final class SoundOnset {
    /** A frame this much quieter than the loudest, or louder, is part of the sound. */
    public static final double RELATIVE_DB = -20.0;
    static final int FRAME_SAMPLES = 160;

    private SoundOnset() {
    }

    /** The first sample of the first frame of {@code x} within {@link #RELATIVE_DB} of its loudest (0 when silent). */
    public static int of(float[] x) {
        int frames = (x.length + FRAME_SAMPLES - 1) / FRAME_SAMPLES;
        double[] power = new double[frames];
        double loudest = 0;
        for (int f = 0; f < frames; f++) {
            int a = f * FRAME_SAMPLES;
            int b = Math.min(x.length, a + FRAME_SAMPLES);
            double p = 0;
            for (int i = a; i < b; i++) {
                p += (double) x[i] * x[i];
            }
            power[f] = p / (b - a);
            loudest = Math.max(loudest, power[f]);
        }
        double floor = loudest * Math.pow(10, RELATIVE_DB / 10);
        for (int f = 0; f < frames; f++) {
            if (loudest > 0 && power[f] >= floor) {
                return f * FRAME_SAMPLES;
            }
        }
        return 0;
    }
}
