package dev.hark.spark;

import dev.hark.models.train.ClipFeaturizer;
import dev.hark.models.train.Featurizers;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkFiles;

/**
 * The featurizers of this JVM (an executor, or the driver in {@code local[*]}): one ONNX Runtime session per model,
 * opened by the first task that needs it and shared by every task and partition the JVM runs after it (the
 * session's runs are thread-safe), closed when the JVM exits.
 */
final class ExecutorModels {
    private static final Map<ModelSpec, ClipFeaturizer> OPEN = new HashMap<>();
    private static boolean hookInstalled;

    private ExecutorModels() {
    }

    /** The featurizer {@code spec} names, opened on first use. */
    static synchronized ClipFeaturizer get(ModelSpec spec) {
        ClipFeaturizer f = OPEN.get(spec);
        if (f == null) {
            String where = spec.shipped() ? SparkFiles.get(spec.name()) : spec.name();
            f = Featurizers.open(where, spec.hopFrames(), spec.threads());
            OPEN.put(spec, f);
            if (!hookInstalled) {
                hookInstalled = true;
                Runtime.getRuntime().addShutdownHook(new Thread(ExecutorModels::closeAll, "hark-close-models"));
            }
        }
        return f;
    }

    /** How many sessions this JVM holds (tests check that partitions share one). */
    static synchronized int openCount() {
        return OPEN.size();
    }

    /** Closes every featurizer (tests, and the JVM's exit). */
    static synchronized void closeAll() {
        for (ClipFeaturizer f : OPEN.values()) {
            f.close();
        }
        OPEN.clear();
    }
}
