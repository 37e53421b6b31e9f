package dev.hark.models.train;

import java.io.Serializable;

/** Column means and standard deviations of training rows; {@link #apply} maps a row to zero mean, unit variance. */
final class Standardizer implements Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] mean;
    private final double[] scale;

    private Standardizer(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
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
        return o;
    }

    double[][] apply(double[][] x) {
        double[][] o = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            o[i] = apply(x[i]);
        }
        return o;
    }
}
