package dev.hark.models.head;

import dev.hark.errors.BadInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Smile classifiers Hark trains, with their hyper-parameters (name, default, allowed range). */
public enum Algorithm {
    /** Multinomial logistic regression (L-BFGS), on standardised features. */
    LOGISTIC(List.of(
            Param.real("lambda", "2", 0, 1e6, "L2 regularisation"),
            Param.integer("iterations", "100", 1, 100_000, "maximum L-BFGS iterations"),
            Param.integer("pca", "48", 0, 100_000, "project standardised rows on this many principal components (0: off)"),
            Param.real("tolerance", "1e-5", 1e-12, 1, "convergence tolerance"))),
    /** Support vector machine, one-versus-rest with Platt scaling, on standardised features. */
    SVM(List.of(
            Param.choice("kernel", "linear", "linear", "gaussian"),
            Param.real("c", "0.01", 1e-9, 1e9, "soft-margin penalty C"),
            Param.real("sigma", "32", 1e-9, 1e9, "gaussian kernel width (kernel=gaussian)"),
            Param.real("tolerance", "1e-3", 1e-12, 1, "convergence tolerance"),
            Param.integer("epochs", "2", 1, 1000, "passes over the data"),
            Param.integer("pca", "0", 0, 100_000, "project standardised rows on this many principal components (0: off)"))),
    /** k nearest neighbours (majority vote), on standardised features. */
    KNN(List.of(
            Param.integer("k", "1", 1, 1000, "neighbours"),
            Param.choice("distance", "cosine", "cosine", "euclidean"),
            Param.integer("pca", "0", 0, 100_000, "project standardised rows on this many principal components (0: off)"))),
    /** Random forest (not standardised: trees do not need it). */
    FOREST(List.of(
            Param.integer("trees", "500", 1, 100_000, "number of trees"),
            Param.integer("mtry", "0", 0, 1_000_000, "features tried per split (0: sqrt of the width)"),
            Param.integer("max_depth", "20", 1, 1000, "maximum tree depth"),
            Param.integer("max_nodes", "0", 0, 10_000_000, "maximum leaves per tree (0: samples / 5)"),
            Param.integer("node_size", "1", 1, 100_000, "minimum samples in a leaf"),
            Param.real("subsample", "1.0", 0.01, 1.0, "sampling rate (with replacement when 1)"))),
    /** Multilayer perceptron: one ReLU hidden layer, softmax output, mini-batch SGD, on standardised features. */
    MLP(List.of(
            Param.integer("hidden", "256", 1, 100_000, "hidden units"),
            Param.integer("epochs", "60", 1, 100_000, "passes over the data"),
            Param.integer("batch", "32", 1, 100_000, "mini-batch size"),
            Param.real("learning_rate", "0.01", 1e-9, 10, "SGD learning rate"),
            Param.real("momentum", "0.9", 0, 0.999, "SGD momentum"),
            Param.real("weight_decay", "1e-4", 0, 1, "L2 weight decay"),
            Param.integer("pca", "0", 0, 100_000, "project standardised rows on this many principal components (0: off)")));

    /** One hyper-parameter: name, default, and either a numeric range or a list of choices. */
    public record Param(String name, String defaultValue, Kind kind, double min, double max, List<String> choices,
            String description) {
        enum Kind { INTEGER, REAL, CHOICE }

        static Param integer(String n, String d, double min, double max, String desc) {
            return new Param(n, d, Kind.INTEGER, min, max, List.of(), desc);
        }

        static Param real(String n, String d, double min, double max, String desc) {
            return new Param(n, d, Kind.REAL, min, max, List.of(), desc);
        }

        static Param choice(String n, String d, String... choices) {
            return new Param(n, d, Kind.CHOICE, 0, 0, List.of(choices), String.join("|", choices));
        }

        /** Checks {@code v}, returning it normalised; a bad value is a {@link BadInputException}. */
        String check(Algorithm a, String v) {
            String where = "--option " + name + "=" + v + " (" + a.cliName() + "): ";
            switch (kind) {
                case CHOICE -> {
                    String l = v.trim().toLowerCase(Locale.ROOT);
                    if (!choices.contains(l)) {
                        throw new BadInputException(where + "expected one of " + String.join(", ", choices));
                    }
                    return l;
                }
                case INTEGER -> {
                    long x;
                    try {
                        x = Long.parseLong(v.trim());
                    } catch (NumberFormatException e) {
                        throw new BadInputException(where + "not a whole number");
                    }
                    if (x < min || x > max) {
                        throw new BadInputException(where + "must be in [" + (long) min + ", " + (long) max + "]");
                    }
                    return Long.toString(x);
                }
                default -> {
                    double x;
                    try {
                        x = Double.parseDouble(v.trim());
                    } catch (NumberFormatException e) {
                        throw new BadInputException(where + "not a number");
                    }
                    if (!(x >= min && x <= max)) {
                        throw new BadInputException(where + "must be in [" + min + ", " + max + "]");
                    }
                    return Double.toString(x);
                }
            }
        }
    }

    private final List<Param> params;

    Algorithm(List<Param> params) {
        this.params = params;
    }

    public List<Param> params() {
        return params;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Algorithm parse(String s) {
        for (Algorithm a : values()) {
            if (a.cliName().equalsIgnoreCase(s.trim())) {
                return a;
            }
        }
        throw new BadInputException("algorithm: unknown value '" + s + "'; expected logistic, svm, knn, forest or mlp");
    }

    /** Whether features are standardised (zero mean, unit variance from the training rows) before this algorithm. */
    public boolean standardises() {
        return this != FOREST;
    }

    /**
     * The full, validated option map: defaults overridden by {@code given} ({@code key=value} strings, keys
     * case-insensitive). Unknown keys and bad values are {@link BadInputException}s listing what is allowed.
     */
    public Map<String, String> options(List<String> given) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Param p : params) {
            out.put(p.name(), p.check(this, p.defaultValue()));
        }
        for (String kv : given) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--option " + kv + ": expected key=value");
            }
            String key = kv.substring(0, eq).trim().toLowerCase(Locale.ROOT).replace('-', '_');
            Param p = params.stream().filter(x -> x.name().equals(key)).findFirst().orElseThrow(() ->
                    new BadInputException("--option " + kv + ": " + cliName() + " has no option '" + key
                            + "'; it has " + String.join(", ", params.stream().map(Param::name).toList())));
            out.put(key, p.check(this, kv.substring(eq + 1)));
        }
        return out;
    }
}
