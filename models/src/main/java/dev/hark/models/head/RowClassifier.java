package dev.hark.models.head;

/**
 * Scores rows (pooled or per-patch embeddings) with class probabilities: the Smile model being trained
 * ({@link FittedClassifier}) and the exported ONNX graph that a bundle holds ({@link OnnxHead}) are both one.
 */
public interface RowClassifier {
    /** Length of the rows taken. */
    int width();

    /** Probability columns: the bundle's labels, then the background class if the head has one. */
    int columns();

    /** Probabilities {@code [rows.length][columns()]}, each row summing to 1. */
    double[][] posteriors(double[][] rows);

    /** Probabilities of one row. */
    default double[] posteriors(double[] row) {
        return posteriors(new double[][] {row})[0];
    }
}
