package dev.hark.app;

import dev.hark.models.head.Algorithm;
import dev.hark.models.head.Pooling;
import dev.hark.models.train.HeadRecipe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options choosing the classifier, shared by {@code train} and {@code evaluate} (the features are {@link
 * FeatureOptions}'). The defaults are the best configuration measured on esc50-dev's four official folds (see the
 * README).
 */
public final class ClassifierOptions {
    static final String DEFAULT_ALGORITHM = HeadRecipe.DEFAULT_ALGORITHM;
    static final String DEFAULT_POOLING = HeadRecipe.DEFAULT_POOLING;

    @Option(names = "--algorithm", defaultValue = DEFAULT_ALGORITHM, paramLabel = "ALGORITHM",
            description = "logistic, svm, knn, forest or mlp (default: ${DEFAULT-VALUE}).")
    String algorithm;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "A hyper-parameter of the algorithm (repeatable), for example lambda=0.1, k=5 or trees=500.")
    List<String> options = new ArrayList<>();

    @Option(names = "--pooling", defaultValue = DEFAULT_POOLING, paramLabel = "POOLING",
            description = "mean, mean+std (one row per clip) or none (one row per patch, clip = mean of patch "
                    + "probabilities); default: ${DEFAULT-VALUE}. MFCC features are one row per clip already.")
    String pooling;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of every random choice (default: ${DEFAULT-VALUE}); same seed, same result.")
    public long seed;

    public Algorithm algorithm() {
        return Algorithm.parse(algorithm);
    }

    public Map<String, String> validatedOptions() {
        return algorithm().options(options);
    }

    public Pooling pooling(boolean mfcc) {
        Pooling p = Pooling.parse(pooling);
        return mfcc ? Pooling.MEAN : p;
    }

    public String describe() {
        return recipe().describe();
    }

    /** The options as the library's recipe (checked: a bad algorithm, option or pooling names itself). */
    public HeadRecipe recipe() {
        return HeadRecipe.of(algorithm, options, pooling, seed);
    }
}
