package dev.hark.core.audio;

/**
 * A clip over pink noise ({@link PinkNoise}) at a given signal-to-noise ratio: {@code 10 log10(P_sound / P_noise)},
 * where {@code P_sound} is the mean square of the clip's sound (its {@link ActiveRange}, so the digital silence that
 * pads data-set clips does not count) and {@code P_noise} that of the noise, which runs the whole clip. The event
 * benchmark defines a scene's SNR the same way. With a level below 0 dB the clip is first made that much quieter
 * (the noise follows it, so the SNR stays): the same sound from further away. What {@code hark train
 * --augment-noise} (and {@code --augment-levels}) trains on besides each clean clip.
 *
 * @param snrDb the signal-to-noise ratio in dB
 * @param levelDb the clip's gain before the noise is added, in dB ({@value #MIN_LEVEL_DB} to 0; 0: as recorded)
 */
public record NoiseMix(double snrDb, double levelDb) {
    /** The SNRs a user may ask for, in dB. */
    public static final double MIN_SNR_DB = -20;
    public static final double MAX_SNR_DB = 60;
    /** The quietest level a copy may be made at, in dB below the clip's own. */
    public static final double MIN_LEVEL_DB = -40;

    public NoiseMix {
        if (!(snrDb >= MIN_SNR_DB && snrDb <= MAX_SNR_DB)) {
            throw new IllegalArgumentException("SNR " + snrDb + " dB: expected " + MIN_SNR_DB + " to " + MAX_SNR_DB);
        }
        if (!(levelDb >= MIN_LEVEL_DB && levelDb <= 0)) {
            throw new IllegalArgumentException("level " + levelDb + " dB: expected " + MIN_LEVEL_DB + " to 0");
        }
    }

    /** The clip at its own level over noise at {@code snrDb}. */
    public NoiseMix(double snrDb) {
        this(snrDb, 0);
    }

    /**
     * {@code samples} (16 kHz, not modified) at this level plus pink noise drawn with {@code seed} at this SNR; a
     * copy of {@code samples} at this level when it holds no sound at all (all zeros).
     */
    public float[] apply(float[] samples, long seed) {
        ActiveRange r = ActiveRange.of(samples);
        float[] out = samples.clone();
        if (levelDb != 0) {
            float gain = (float) Math.pow(10, levelDb / 20);
            for (int i = 0; i < out.length; i++) {
                out[i] *= gain;
            }
        }
        if (r.length() == 0) {
            return out;
        }
        double power = 0;
        for (int i = r.start(); i < r.end(); i++) {
            power += (double) out[i] * out[i];
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
