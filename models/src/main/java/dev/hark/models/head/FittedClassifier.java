package dev.hark.models.head;

import java.util.Arrays;
import java.util.Map;
import smile.classification.Classifier;
import smile.classification.RandomForest;
import smile.data.Tuple;
import smile.data.type.StructType;

/**
 * A trained Smile classifier with its pre-processing: optional standardisation (and PCA), the map from the
 * classifier's classes to probability columns, and (for a forest) the column schema; for k-NN also the
 * standardised training rows and their classes, which the exported graph stores. Lives in memory only: a bundle
 * stores its ONNX export ({@link HeadExporter}), never the Smile objects.
 */
public final class FittedClassifier implements RowClassifier {
    private final Algorithm algorithm;
    private final Map<String, String> options;
    private final int columns;
    private final int width;
    private final Standardizer standardizer;
    /** For every class of the Smile model (0..m-1), the column it stands for. */
    private final int[] classToLabel;
    private final Classifier<double[]> vectorModel;
    private final RandomForest forest;
    private final StructType forestSchema;
    private final double[][] knnRows;
    private final int[] knnClasses;

    /**
     * @param columns probability columns (labels, plus the background class if trained with one)
     * @param knnRows for k-NN: the (standardised) training rows; else null
     * @param knnClasses for k-NN: their classes (0..m-1); else null
     */
    public FittedClassifier(Algorithm algorithm, Map<String, String> options, int columns, int width,
            Standardizer standardizer, int[] classToLabel, Classifier<double[]> vectorModel, RandomForest forest,
            StructType forestSchema, double[][] knnRows, int[] knnClasses) {
        this.algorithm = algorithm;
        this.options = Map.copyOf(options);
        this.columns = columns;
        this.width = width;
        this.standardizer = standardizer;
        this.classToLabel = classToLabel.clone();
        this.vectorModel = vectorModel;
        this.forest = forest;
        this.forestSchema = forestSchema;
        this.knnRows = knnRows;
        this.knnClasses = knnClasses;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    public Map<String, String> options() {
        return options;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public int width() {
        return width;
    }

    Standardizer standardizer() {
        return standardizer;
    }

    int[] classToLabel() {
        return classToLabel.clone();
    }

    Classifier<double[]> vectorModel() {
        return vectorModel;
    }

    RandomForest forest() {
        return forest;
    }

    double[][] knnRows() {
        return knnRows;
    }

    int[] knnClasses() {
        return knnClasses;
    }

    @Override
    public double[][] posteriors(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = posteriors(rows[i]);
        }
        return out;
    }

    /**
     * Class probabilities over all {@link #columns()} for one row (columns absent from training get 0).
     * Classifiers without probabilities give 1 for the predicted class.
     */
    @Override
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
            Arrays.fill(local, 0);
            local[predicted] = 1;
        }
        double[] out = new double[columns];
        double sum = 0;
        for (int c = 0; c < local.length; c++) {
            double v = Double.isFinite(local[c]) ? Math.max(0, local[c]) : 0;
            out[classToLabel[c]] += v;
            sum += v;
        }
        if (!(sum > 0)) {
            out[classToLabel[predicted]] = 1;
        } else {
            for (int l = 0; l < columns; l++) {
                out[l] /= sum;
            }
        }
        return out;
    }
}
