package dev.hark.models.train;

import dev.hark.models.head.Bundle;
import dev.hark.models.head.FeatureSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A head trained by {@link BundleTraining} and saved as a {@code .hark} bundle.
 *
 * @param features the features it was trained on (and the files skipped)
 * @param settings the features' settings with the pooling used
 * @param classes its labels, {@code unknown} last when it learnt negatives
 * @param recipe how it was trained
 * @param head the head with its rejection
 * @param bundle the bundle written to {@code file}
 * @param file where the bundle was written
 * @param trainingSeconds how long the training took
 * @param self the head tested on its own training clips
 * @param exportDifference the largest difference between the bundle's ONNX graph and the trained model
 */
public record TrainedBundle(FeatureExtractor.Result features, FeatureSettings settings, List<String> classes,
        HeadRecipe recipe, HeadTrainer.Head head, Bundle bundle, Path file, double trainingSeconds,
        Evaluation self, double exportDifference) {
    public TrainedBundle {
        classes = List.copyOf(classes);
    }

    /** What {@code hark train} prints once trained: the clips and accuracy, the rejection, the graph, the file. */
    public List<String> report() {
        int clips = features.clips().size();
        return List.of(
                String.format(Locale.ROOT, "trained on %d clips (%d negatives), %d labels in %.2f s (accuracy on the "
                        + "training clips %.2f %%)", clips, self.negativesTested(), classes.size(), trainingSeconds,
                        100 * self.meanAccuracy()),
                "rejection: " + rejection(),
                String.format(Locale.ROOT, "head: ONNX graph (%s, %d probability columns), checked against the "
                        + "trained model on every row of the %d clips: largest difference %.1e",
                        recipe.algorithm().cliName(), bundle.columns(), clips, exportDifference),
                "wrote " + file);
    }

    /** e.g. {@code 'unknown' when the best label is below 0.62 or the background class (...) wins; ...}. */
    public String rejection() {
        Map<String, Object> c = head.calibration();
        String s = String.format(Locale.ROOT, "'unknown' when the best label is below %.2f",
                head.rejection().minProbability())
                + (head.rejection().background() ? " or the background class (" + c.get("background") + ") wins" : "");
        Object known = c.get("heldOutKnownAccuracy");
        Object rejected = c.get("heldOutRejectionRate");
        if (known instanceof Double k && rejected instanceof Double rj) {
            return s + String.format(Locale.ROOT, "; threshold calibrated on %s: known clips right %.1f %%, "
                    + "negatives rejected %.1f %%", c.get("calibratedOn"), 100 * k, 100 * rj);
        }
        return s + " (" + c.get("calibratedOn") + ")";
    }
}
