package dev.hark.models.train;

import java.io.Serializable;

/**
 * Column means and standard deviations of training rows; {@link #apply} maps a row to zero mean, unit variance
 * and then, if fitted with {@code components > 0}, onto the first principal components of the standardised
 * training rows (Smile PCA, covariance).
 */
final class Standardizer implements Serializable {
    private static final long serialVersionUID = 2L;
    private final double[] mean;
    private final double[] scale;
    /** [components][width] or null. */
    private double[][] projection;
    private double[] projectionCenter;

    private Standardizer(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /** Standardisation then projection on the first {@code components} principal components (0: none). */
    static Standardizer fit(double[][] x, int components) {
        Standardizer s = fit(x);
        if (components > 0 && components < x[0].length) {
            double[][] z = s.apply(x);
            smile.feature.extraction.PCA pca = smile.feature.extraction.PCA.fit(z)
                    .getProjection(Math.min(components, Math.min(z.length, z[0].length)));
            s.projection = pca.projection.toArray();
            s.projectionCenter = pca.center().clone();
        }
        return s;
    }

    static Standardizer fit(double[][] x) {
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

    int width() {
        return mean.length;
    }

    double[] apply(double[] r) {
        double[] o = new double[r.length];
        for (int j = 0; j < r.length; j++) {
            o[j] = (r[j] - mean[j]) * scale[j];
        }
        if (projection == null) {
            return o;
        }
        for (int j = 0; j < o.length; j++) {
            o[j] -= projectionCenter[j];
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

    double[][] apply(double[][] x) {
        double[][] o = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            o[i] = apply(x[i]);
        }
        return o;
    }
}
