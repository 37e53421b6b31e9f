package dev.hark.bench.events;

import dev.hark.core.audio.ActiveRange;
import dev.hark.errors.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * Mixes a {@link SceneLayout} over a background at one SNR. The SNR of a sound is
 * {@code 10 log10(P_sound / P_background)}, where {@code P_sound} is the mean square of the sound as mixed (the clip
 * cut to its {@link ActiveRange}, times its gain) and {@code P_background} the mean square of the background over
 * the very samples the sound covers; each sound's gain is chosen to give exactly the SNR asked for. The background
 * keeps its level. Should the mix exceed full scale anywhere, the whole scene (background too) is scaled down until
 * its peak is {@link #PEAK}, which keeps every SNR and is reported ({@link Scene#scaleDb()}).
 */
public final class SceneMixer {
    /** The peak a scene is scaled down to when its mix would exceed full scale. */
    public static final double PEAK = 0.99;

    private SceneMixer() {
    }

    /**
     * @param background as long as the layout ({@link SceneLayout#samples()})
     * @param backgroundName how errors name the background
     * @throws BadInputException when the background is silent under a sound (no SNR is defined there)
     */
    public static Scene mix(SceneLayout layout, float[] background, String backgroundName, double snrDb) {
        if (background.length != layout.samples()) {
            throw new IllegalArgumentException("background of " + background.length + " samples for a scene of "
                    + layout.samples());
        }
        double[] mix = new double[background.length];
        for (int i = 0; i < mix.length; i++) {
            mix[i] = background[i];
        }
        List<Scene.Placed> placed = new ArrayList<>();
        for (SceneLayout.Slot s : layout.slots()) {
            float[] x = s.sound().samples();
            double ps = meanSquare(x, 0, x.length);
            double pb = meanSquare(background, s.startSample(), s.endSample());
            if (pb == 0) {
                throw new BadInputException("background " + backgroundName + " is silent from "
                        + String.format(java.util.Locale.ROOT, "%.2f to %.2f s", s.startSeconds(), s.endSeconds())
                        + ": no SNR is defined over digital silence");
            }
            double gain = Math.sqrt(pb / ps * Math.pow(10, snrDb / 10));
            for (int i = 0; i < x.length; i++) {
                mix[s.startSample() + i] += gain * x[i];
            }
            placed.add(new Scene.Placed(s, 20 * Math.log10(gain), 10 * Math.log10(pb)));
        }
        double peak = 0;
        for (double v : mix) {
            peak = Math.max(peak, Math.abs(v));
        }
        double scale = peak > 1.0 ? PEAK / peak : 1.0;
        float[] out = new float[mix.length];
        for (int i = 0; i < mix.length; i++) {
            out[i] = (float) (mix[i] * scale);
        }
        return new Scene(out, snrDb, placed, 20 * Math.log10(scale));
    }

    /** Mean square of {@code x[from, to)}. */
    static double meanSquare(float[] x, int from, int to) {
        double p = 0;
        for (int i = from; i < to; i++) {
            p += (double) x[i] * x[i];
        }
        return to > from ? p / (to - from) : 0;
    }
}
