package dev.hark.core.spectrogram;

import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.frontend.LogMel;

/**
 * Where a frequency lies on the front end's 64 mel bands, in band units: band {@code k} is drawn over
 * {@code [k, k + 1)} and its centre {@code k + 0.5} is the band's centre frequency. The bands are the HTK mel
 * triangles between 125 and 7500 Hz (66 equally spaced mel points, band {@code k} centred on point {@code k + 1}), so
 * the axis runs from about 140 Hz (bottom edge of band 0) to about 7400 Hz (top edge of band 63).
 */
public final class MelAxis {
    private static final double MEL_LOW = mel(FrontEndParams.MEL_MIN_HZ);
    private static final double MEL_STEP = (mel(FrontEndParams.MEL_MAX_HZ) - MEL_LOW) / (FrontEndParams.MEL_BANDS + 1);

    private MelAxis() {
    }

    private static double mel(double hz) {
        return LogMel.hertzToMel(hz);
    }

    /** Frequency of an HTK mel value, the inverse of {@link LogMel#hertzToMel}. */
    public static double hz(double mel) {
        return FrontEndParams.MEL_BREAK_FREQUENCY_HZ * Math.expm1(mel / FrontEndParams.MEL_HIGH_FREQUENCY_Q);
    }

    /** Centre frequency of band {@code k}. */
    public static double centreHz(int band) {
        return hz(MEL_LOW + (band + 1) * MEL_STEP);
    }

    /** The position of {@code hz} in band units (0 at the bottom edge of band 0, 64 at the top edge of band 63). */
    public static double bandPosition(double hz) {
        return (mel(hz) - MEL_LOW) / MEL_STEP - 0.5;
    }

    /** The frequency at a position in band units; the inverse of {@link #bandPosition}. */
    public static double hzAt(double bandPosition) {
        return hz(MEL_LOW + (bandPosition + 0.5) * MEL_STEP);
    }
}
