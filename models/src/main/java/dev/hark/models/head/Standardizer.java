package dev.hark.models.head;


/**
 * Column means and standard deviations of training rows; {@link #apply} maps a row to zero mean, unit variance
 * and then, if fitted with {@code components > 0}, onto the first principal components of the standardised
 * training rows: eigenvectors of {@code Z'Z} (Smile matrices, BLAS/LAPACK), largest eigenvalues first.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] scale;
    /** [components][width] or null. */
    private double[][] projection;

    private Standardizer(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /**
     * Standardisation then projection on the first {@code components} principal components (0: none). With far
     * fewer rows than columns (a few taught examples: at most a quarter as many), the components come from the
     * rows' Gram matrix {@code ZZ'} (n x n) instead of {@code Z'Z} (width x width): the same directions, found in a
     * fraction of the time, and only as many as the rows span (directions without variance would project new rows
     * on noise).
     */
    public static Standardizer fit(double[][] x, int components) {
        Standardizer s = fit(x);
        int width = x[0].length;
        if (components > 0 && components < width) {
            double[][] z = s.apply(x);
            double[][] vectors; // [width][k], a component per column
            int k;
            if (4L * x.length <= width) {
                smile.math.matrix.Matrix gram = smile.math.matrix.Matrix.of(z).aat();
                gram.uplo(smile.math.blas.UPLO.LOWER);
                smile.math.matrix.Matrix.EVD evd = gram.eigen(false, true, true).sort();
                double[] values = evd.wr;
                double[][] u = evd.Vr.toArray();
                k = 0;
                while (k < Math.min(components, values.length) && values[k] > 1e-9 * Math.max(1e-300, values[0])) {
                    k++;
                }
                k = Math.max(1, k);
                vectors = new double[width][k];
                for (int c = 0; c < k; c++) {
                    double norm = Math.sqrt(Math.max(values[c], 1e-300));
                    for (int i = 0; i < z.length; i++) {
                        double w = u[i][c] / norm;
                        for (int j = 0; j < width; j++) {
                            vectors[j][c] += w * z[i][j]; // v = Z'u / sqrt(lambda)
                        }
                    }
                }
            } else {
                smile.math.matrix.Matrix scatter = smile.math.matrix.Matrix.of(z).ata();
                scatter.uplo(smile.math.blas.UPLO.LOWER);
                smile.math.matrix.Matrix.EVD evd = scatter.eigen(false, true, true).sort();
                vectors = evd.Vr.toArray();
                k = Math.min(components, width);
            }
            s.projection = new double[k][width];
            for (int c = 0; c < k; c++) {
                // a fixed sign per component (largest-magnitude weight positive), so the model does not depend on
                // the sign LAPACK happens to return
                double big = 0;
                for (int j = 0; j < width; j++) {
                    if (Math.abs(vectors[j][c]) > Math.abs(big)) {
                        big = vectors[j][c];
                    }
                }
                double sign = big < 0 ? -1 : 1;
                for (int j = 0; j < width; j++) {
                    s.projection[c][j] = sign * vectors[j][c];
                }
            }
        }
        return s;
    }

    public static Standardizer fit(double[][] x) {
        int d = x[0].length;
        double[] mean = new double[d];
        double[] var = new double[d];
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= x.length;
        }
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                double e = r[j] - mean[j];
                var[j] += e * e;
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double sd = Math.sqrt(var[j] / x.length);
            scale[j] = sd > 1e-12 ? 1.0 / sd : 1.0;
        }
        return new Standardizer(mean, scale);
    }

    double[] mean() {
        return mean.clone();
    }

    double[] scale() {
        return scale.clone();
    }

    /** The projection {@code [components][width]}, or null without PCA. */
    double[][] projection() {
        return projection;
    }

    public int width() {
        return mean.length;
    }

    public double[] apply(double[] r) {
        double[] o = new double[r.length];
        for (int j = 0; j < r.length; j++) {
            o[j] = (r[j] - mean[j]) * scale[j];
        }
        if (projection == null) {
            return o;
        }
        double[] p = new double[projection.length];
        for (int c = 0; c < p.length; c++) {
            double[] w = projection[c];
            double sum = 0;
            for (int j = 0; j < o.length; j++) {
                sum += w[j] * o[j];
            }
            p[c] = sum;
        }
        return p;
    }

    public double[][] apply(double[][] x) {
        double[][] o = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            o[i] = apply(x[i]);
        }
        return o;
    }
}
