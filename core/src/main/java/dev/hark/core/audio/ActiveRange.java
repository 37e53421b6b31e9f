package dev.hark.core.audio;

/**
 * Where the sound of a clip is: from its first to its last 10 ms frame whose RMS is within {@link #RELATIVE_DB} of
 * the clip's loudest frame. Data-set clips are often padded with digital silence, which is not part of the sound.
 *
 * @param start first sample of the sound
 * @param end one past its last sample (start == end: no sound at all)
 */
public record ActiveRange(int start, int end) {
    /** Frames quieter than the loudest one by more than this are outside the sound, in dB. */
    public static final double RELATIVE_DB = -40.0;
    /** 10 ms at 16 kHz. */
    public static final int FRAME_SAMPLES = 160;

    public int length() {
        return end - start;
    }

    /** The active range of {@code x} (16 kHz samples). */
    public static ActiveRange of(float[] x) {
        return of(x, RELATIVE_DB);
    }

    /** The range of {@code x} from its first to its last frame within {@code relativeDb} (negative) of its loudest. */
    public static ActiveRange of(float[] x, double relativeDb) {
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
        if (loudest == 0) {
            return new ActiveRange(0, 0);
        }
        double floor = loudest * Math.pow(10, relativeDb / 10);
        int first = 0;
        while (power[first] < floor) {
            first++;
        }
        int last = frames - 1;
        while (power[last] < floor) {
            last--;
        }
        return new ActiveRange(first * FRAME_SAMPLES, Math.min(x.length, (last + 1) * FRAME_SAMPLES));
    }
}
