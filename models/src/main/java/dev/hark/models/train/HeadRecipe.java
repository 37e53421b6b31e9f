package dev.hark.models.train;

import dev.hark.models.head.Algorithm;
import dev.hark.models.head.HeadExporter;
import dev.hark.models.head.Pooling;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a head is trained on clip features: the algorithm with its hyper-parameters (validated by the algorithm), the
 * pooling of patch rows (MFCC features are one row per clip already: always {@link Pooling#MEAN}) and the seed of
 * every random choice. The defaults are {@code hark train}'s.
 *
 * @param options the algorithm's options as {@link Algorithm#options} gives them (its order is kept)
 */
public record HeadRecipe(Algorithm algorithm, Map<String, String> options, Pooling pooling, long seed) {
    public static final String DEFAULT_ALGORITHM = "logistic";
    public static final String DEFAULT_POOLING = "none";
    public static final long DEFAULT_SEED = 42;

    public HeadRecipe {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(pooling, "pooling");
        options = Collections.unmodifiableMap(Objects.requireNonNull(options, "options"));
    }

    /**
     * Parses and checks the names a user gives ({@code logistic}, {@code lambda=0.1}, {@code none}); a bad one is
     * a {@link dev.hark.errors.BadInputException} naming it, and so is an algorithm that cannot be exported.
     */
    public static HeadRecipe of(String algorithm, List<String> options, String pooling, long seed) {
        Algorithm a = Algorithm.parse(algorithm);
        return new HeadRecipe(a, a.options(options), Pooling.parse(pooling), seed);
    }

    /** {@code hark train}'s defaults: logistic regression, no pooling, seed 42. */
    public static HeadRecipe defaults() {
        return of(DEFAULT_ALGORITHM, List.of(), DEFAULT_POOLING, DEFAULT_SEED);
    }

    /** Why a bundle cannot be written for this algorithm, or null when it can. */
    public String refusal() {
        return HeadExporter.refusal(algorithm);
    }

    /** The pooling used with features that are MFCCs ({@code mfcc}) or patch embeddings. */
    public Pooling pooling(boolean mfcc) {
        return mfcc ? Pooling.MEAN : pooling;
    }

    /** e.g. {@code logistic {lambda=0.1}, seed 42}. */
    public String describe() {
        return algorithm.cliName() + " " + options + ", seed " + seed;
    }
}
