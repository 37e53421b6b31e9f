package dev.hark.models.head;

import java.io.Serializable;
import java.util.Map;
import smile.classification.Classifier;
import smile.classification.RandomForest;
import smile.data.Tuple;
import smile.data.type.StructType;

/**
 * A trained Smile classifier with its pre-processing: optional standardisation, the map from the classifier's
 * classes to label indices, and (for a forest) the column schema. Serializable: it is what a bundle stores.
 */
public final class FittedClassifier implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Algorithm algorithm;
    private final Map<String, String> options;
    private final int numLabels;
    private final int width;
    private final Standardizer standardizer;
    /** For every class of the Smile model (0..m-1), the label index it stands for. */
    private final int[] classToLabel;
    private final Classifier<double[]> vectorModel;
    private final RandomForest forest;
    private final StructType forestSchema;

    public FittedClassifier(Algorithm algorithm, Map<String, String> options, int numLabels, int width,
            Standardizer standardizer, int[] classToLabel, Classifier<double[]> vectorModel, RandomForest forest,
            StructType forestSchema) {
        this.algorithm = algorithm;
        this.options = Map.copyOf(options);
        this.numLabels = numLabels;
        this.width = width;
        this.standardizer = standardizer;
        this.classToLabel = classToLabel.clone();
        this.vectorModel = vectorModel;
        this.forest = forest;
        this.forestSchema = forestSchema;
    }

    /**
     * Checks what a deserialised classifier must hold (a stream can set any field): an algorithm, options, a model
     * of the right kind, and a class-to-label map into {@code [0, numLabels)}.
     *
     * @throws IllegalStateException saying which part is wrong
     */
    void check() {
        if (algorithm == null || options == null || classToLabel == null || numLabels < 1 || width < 1) {
            throw new IllegalStateException("classifier fields missing");
        }
        if (algorithm == Algorithm.FOREST ? forest == null || forestSchema == null : vectorModel == null) {
            throw new IllegalStateException("no " + algorithm.cliName() + " model");
        }
        if (classToLabel.length < 1 || classToLabel.length > numLabels) {
            throw new IllegalStateException(classToLabel.length + " classes for " + numLabels + " labels");
        }
        for (int l : classToLabel) {
            if (l < 0 || l >= numLabels) {
                throw new IllegalStateException("class mapped to label " + l + " of " + numLabels);
            }
        }
        if ((standardizer == null) == algorithm.standardises()) {
            throw new IllegalStateException("standardisation does not match " + algorithm.cliName());
        }
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public Map<String, String> options() {
        return options;
    }

    public int numLabels() {
        return numLabels;
    }

    /** Length of the rows this classifier takes. */
    public int width() {
        return width;
    }

    /**
     * Class probabilities over all {@link #numLabels()} labels for one row (labels absent from training get 0).
     * Classifiers without probabilities (SVM without scaling) give 1 for the predicted label.
     */
    public double[] posteriors(double[] row) {
        if (row.length != width) {
            throw new IllegalArgumentException("row has " + row.length + " values, the classifier takes " + width);
        }
        double[] x = standardizer == null ? row : standardizer.apply(row);
        double[] local = new double[classToLabel.length];
        int predicted;
        if (forest != null) {
            predicted = forest.predict(Tuple.of(x, forestSchema), local);
        } else if (vectorModel.soft()) {
            predicted = vectorModel.predict(x, local);
        } else {
            predicted = vectorModel.predict(x);
            java.util.Arrays.fill(local, 0);
            local[predicted] = 1;
        }
        double[] out = new double[numLabels];
        double sum = 0;
        for (int c = 0; c < local.length; c++) {
            double v = Double.isFinite(local[c]) ? Math.max(0, local[c]) : 0;
            out[classToLabel[c]] += v;
            sum += v;
        }
        if (!(sum > 0)) {
            out[classToLabel[predicted]] = 1;
        } else {
            for (int l = 0; l < numLabels; l++) {
                out[l] /= sum;
            }
        }
        return out;
    }
}
