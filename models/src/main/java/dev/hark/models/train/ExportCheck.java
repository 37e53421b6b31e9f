package dev.hark.models.train;

import dev.hark.errors.HarkException;
import dev.hark.models.head.Bundle;
import dev.hark.models.head.ClipModel;
import dev.hark.models.head.OnnxHead;
import java.util.List;

/**
 * Checks a bundle's ONNX head against the Smile model it was exported from, on every patch (or pooled row) of the
 * given clips: {@code train} runs it before it writes a bundle, and refuses one whose graph differs by more than
 * {@value #TOLERANCE}.
 */
public final class ExportCheck {
    /** Largest difference of a probability between the Smile model and its ONNX export. */
    public static final double TOLERANCE = 1e-5;

    private ExportCheck() {
    }

    /** The largest absolute difference over every row of {@code clips} and every probability column. */
    public static double largestDifference(ClipModel smile, Bundle bundle, List<ClipFeatures> clips) {
        double worst = 0;
        try (OnnxHead head = bundle.openHead("the head being written")) {
            ClipModel onnx = new ClipModel(smile.pooling(), head);
            for (ClipFeatures c : clips) {
                double[][] a = smile.windowPosteriors(c.patches());
                double[][] b = onnx.windowPosteriors(c.patches());
                for (int i = 0; i < a.length; i++) {
                    for (int l = 0; l < a[i].length; l++) {
                        worst = Math.max(worst, Math.abs(a[i][l] - b[i][l]));
                    }
                }
                double[] ca = smile.clipPosteriors(Trainer.judgedPatches(c));
                double[] cb = onnx.clipPosteriors(Trainer.judgedPatches(c));
                for (int l = 0; l < ca.length; l++) {
                    worst = Math.max(worst, Math.abs(ca[l] - cb[l]));
                }
            }
        }
        return worst;
    }

    /** {@link #largestDifference}, refused (an internal error) above {@value #TOLERANCE}. */
    public static double require(ClipModel smile, Bundle bundle, List<ClipFeatures> clips) {
        double d = largestDifference(smile, bundle, clips);
        if (!(d <= TOLERANCE)) {
            throw new HarkException("the exported ONNX head differs from the trained model by " + d
                    + " (more than " + TOLERANCE + "): not written");
        }
        return d;
    }
}
