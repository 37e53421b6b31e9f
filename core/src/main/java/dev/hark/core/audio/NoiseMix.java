package dev.hark.core.audio;

/**
 * A clip over pink noise ({@link PinkNoise}) at a given signal-to-noise ratio: {@code 10 log10(P_sound / P_noise)},
 * where {@code P_sound} is the mean square of the clip's sound (its {@link ActiveRange}, so the digital silence that
 * pads data-set clips does not count) and {@code P_noise} that of the noise, which runs the whole clip. The event
 * benchmark defines a scene's SNR the same way. What {@code hark train --augment-noise} trains on besides each
 * clean clip.
 *
 * @param snrDb the signal-to-noise ratio in dB
 */
public record NoiseMix(double snrDb) {
    /** The SNRs a user may ask for, in dB. */
    public static final double MIN_SNR_DB = -20;
    public static final double MAX_SNR_DB = 60;

    public NoiseMix {
        if (!(snrDb >= MIN_SNR_DB && snrDb <= MAX_SNR_DB)) {
            throw new IllegalArgumentException("SNR " + snrDb + " dB: expected " + MIN_SNR_DB + " to " + MAX_SNR_DB);
        }
    }

    /**
     * {@code samples} (16 kHz, not modified) plus pink noise drawn with {@code seed} at this SNR; a copy of
     * {@code samples} when it holds no sound at all (all zeros).
     */
    public float[] apply(float[] samples, long seed) {
        ActiveRange r = ActiveRange.of(samples);
        float[] out = samples.clone();
        if (r.length() == 0) {
            return out;
        }
        double power = 0;
        for (int i = r.start(); i < r.end(); i++) {
            power += (double) samples[i] * samples[i];
        }
        power /= r.length();
        double noiseDbfs = 10 * Math.log10(power) - snrDb;
        float[] noise = PinkNoise.of(samples.length, noiseDbfs, seed);
        for (int i = 0; i < out.length; i++) {
            out[i] += noise[i];
        }
        return out;
    }
}
