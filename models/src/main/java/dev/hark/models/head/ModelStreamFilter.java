package dev.hark.models.head;

import java.io.ObjectInputFilter;
import java.util.Set;

/**
 * The deserialisation filter of {@code model.ser}: admits only the classes a Hark model consists of (Hark's own,
 * the Smile classifiers Hark trains and the few JDK types they hold), by exact name, and bounds the stream's depth,
 * references, array lengths and bytes, with room above what real bundles were measured to need (see
 * {@link #MAX_DEPTH} and the others), so that a hostile stream (huge array declarations, endless nesting) costs a
 * bounded amount of time and memory. The first refusal is kept for the error message.
 */
final class ModelStreamFilter implements ObjectInputFilter {
    /**
     * Deepest nesting of objects. Measured: 7 for logistic, svm and mlp bundles, 21 for a forest of depth 20, 40 for
     * a cover tree (knn, euclidean); a forest may be trained with {@code max_depth} up to 1000.
     */
    static final long MAX_DEPTH = 1100;
    /** Most object references in one stream (a 500-tree forest on 400 patches holds 64 350). */
    static final long MAX_REFS = 20_000_000;
    /** Longest array (an mlp's weight matrix of 256 x 1024 doubles holds 262 144). */
    static final long MAX_ARRAY = 50_000_000;
    /** Most bytes read from the stream: the cap of the entry. */
    static final long MAX_BYTES = BundleArchive.MAX_MODEL_BYTES;

    /**
     * Every class (or array element class) a model stream may name: what the models of every algorithm and option
     * {@link Algorithm} offers were measured to hold (serialisable superclasses included), by exact name.
     */
    static final Set<String> CLASSES = Set.of(
            // Hark
            ClipModel.class.getName(), FittedClassifier.class.getName(), Standardizer.class.getName(),
            Pooling.class.getName(), Algorithm.class.getName(), "dev.hark.models.train.Trainer$CosineDistance",
            // JDK: boxed numbers, enums, the immutable map of options (CollSer), HashMap (in IntSet), the lists of
            // KNN and cover trees, Object[] (any array of references)
            "java.lang.Object", "java.lang.Enum", "java.lang.Number", "java.lang.Integer", "java.util.CollSer",
            "java.util.ImmutableCollections$MapN", "java.util.HashMap", "java.util.Map$Entry", "java.util.ArrayList",
            "java.util.Arrays$ArrayList",
            // Smile: what every classifier shares
            "smile.classification.Classifier", "smile.classification.AbstractClassifier", "smile.util.IntSet",
            // logistic
            "smile.classification.LogisticRegression", "smile.classification.LogisticRegression$Binomial",
            "smile.classification.LogisticRegression$Multinomial",
            // svm
            "smile.classification.SVM", "smile.classification.OneVersusRest", "smile.classification.PlattScaling",
            "smile.base.svm.KernelMachine", "smile.math.kernel.LinearKernel", "smile.math.kernel.Gaussian",
            "smile.math.kernel.GaussianKernel",
            // knn
            "smile.classification.KNN", "smile.neighbor.LinearSearch", "smile.neighbor.CoverTree",
            "smile.neighbor.CoverTree$Node", "smile.math.distance.EuclideanDistance",
            // forest
            "smile.classification.RandomForest", "smile.classification.RandomForest$Model",
            "smile.classification.DecisionTree", "smile.base.cart.CART", "smile.base.cart.DecisionNode",
            "smile.base.cart.InternalNode", "smile.base.cart.LeafNode", "smile.base.cart.OrdinalNode",
            "smile.base.cart.SplitRule", "smile.data.formula.Formula", "smile.data.formula.Term",
            "smile.data.formula.Variable", "smile.data.type.StructType", "smile.data.type.StructField",
            "smile.data.type.DoubleType", "smile.data.type.IntegerType", "smile.validation.ClassificationMetrics",
            // mlp (ActivationFunction$2 is Smile's rectifier, TimeFunction$1 its constant learning rate)
            "smile.classification.MLP", "smile.base.mlp.MultilayerPerceptron", "smile.base.mlp.Layer",
            "smile.base.mlp.InputLayer", "smile.base.mlp.HiddenLayer", "smile.base.mlp.OutputLayer",
            "smile.base.mlp.ActivationFunction$2", "smile.base.mlp.OutputFunction", "smile.base.mlp.Cost",
            "smile.math.TimeFunction$1", "smile.math.matrix.IMatrix", "smile.math.matrix.Matrix");

    private String refusal;

    @Override
    public Status checkInput(FilterInfo info) {
        if (refusal != null) {
            return Status.REJECTED;
        }
        if (info.depth() > MAX_DEPTH) {
            return refuse("objects nested deeper than " + MAX_DEPTH);
        }
        if (info.references() > MAX_REFS) {
            return refuse("more than " + MAX_REFS + " object references");
        }
        if (info.streamBytes() > MAX_BYTES) {
            return refuse("more than " + MAX_BYTES + " bytes");
        }
        if (info.arrayLength() > MAX_ARRAY) {
            return refuse("an array of " + info.arrayLength() + " elements (at most " + MAX_ARRAY + ")");
        }
        Class<?> c = info.serialClass();
        if (c == null) {
            return Status.ALLOWED;
        }
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive() || CLASSES.contains(c.getName())) {
            return Status.ALLOWED;
        }
        return refuse("class " + c.getName() + ", which is not part of a Hark model");
    }

    Status refuse(String why) {
        if (refusal == null) {
            refusal = why;
        }
        return Status.REJECTED;
    }

    /** Why the stream was refused, or null if it was not. */
    String refusal() {
        return refusal;
    }
}
