package dev.hark.models.head;

import smile.classification.Classifier;
import smile.classification.PlattScaling;
import smile.classification.SVM;
import smile.math.kernel.MercerKernel;

/**
 * A two-class SVM with Platt scaling: class 1's probability is {@code scale(score(x))}, class 0's the rest.
 * Smile's binary SVM alone predicts -1/+1 and no probabilities; this gives classes 0/1 and probabilities, as
 * {@link smile.classification.OneVersusRest} does for more classes.
 */
public final class PlattSvm implements Classifier<double[]> {
    private static final long serialVersionUID = 1L;
    private final SVM<double[]> svm;
    private final PlattScaling platt;

    private PlattSvm(SVM<double[]> svm, PlattScaling platt) {
        this.svm = svm;
        this.platt = platt;
    }

    /** Fits on rows {@code x} with classes {@code y} in {0, 1}. */
    public static PlattSvm fit(double[][] x, int[] y, MercerKernel<double[]> kernel, double c, double tol,
            int epochs) {
        int[] pm = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            pm[i] = y[i] == 1 ? 1 : -1;
        }
        SVM<double[]> svm = SVM.fit(x, pm, kernel, c, tol, epochs);
        double[] scores = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            scores[i] = svm.score(x[i]);
        }
        return new PlattSvm(svm, PlattScaling.fit(scores, pm));
    }

    public SVM<double[]> svm() {
        return svm;
    }

    public PlattScaling platt() {
        return platt;
    }

    @Override
    public int numClasses() {
        return 2;
    }

    @Override
    public int[] classes() {
        return new int[] {0, 1};
    }

    @Override
    public int predict(double[] x) {
        return platt.scale(svm.score(x)) > 0.5 ? 1 : 0;
    }

    @Override
    public boolean soft() {
        return true;
    }

    @Override
    public int predict(double[] x, double[] posteriori) {
        double p = platt.scale(svm.score(x));
        posteriori[0] = 1 - p;
        posteriori[1] = p;
        return p > 0.5 ? 1 : 0;
    }
}
