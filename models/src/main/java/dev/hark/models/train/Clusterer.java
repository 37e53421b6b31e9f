package dev.hark.models.train;

import dev.hark.errors.BadInputException;
import dev.hark.models.head.Pooling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import smile.clustering.KMeans;
import smile.feature.extraction.PCA;
import smile.manifold.TSNE;
import smile.math.MathEx;
import smile.validation.metric.AdjustedRandIndex;

/**
 * Groups clips by k-means (Smile, seeded) on their L2-normalised, mean-pooled embeddings, and maps them to two
 * dimensions (PCA, or t-SNE on the first principal components) for a picture. Same seed, same clusters and map.
 *
 * <p>k-means runs Lloyd's iterations over all the points on every core ({@code KMeans.lloyd}), not Smile's default
 * BBD-tree filter: a BBD tree prunes little in 1024 dimensions, and on the 1600 ESC-50 dev clips with k = 50 it took
 * twice as long for the same clusters.
 */
public final class Clusterer {
    /** k-means iterations at most. */
    static final int MAX_ITERATIONS = 200;
    /** k-means convergence tolerance. */
    static final double TOLERANCE = 1e-6;
    /** Principal components t-SNE starts from at most. */
    static final int TSNE_INPUT_DIMENSIONS = 50;
    static final double TSNE_LEARNING_RATE = 200;
    static final int TSNE_ITERATIONS = 1000;

    /** The 2-D map of the clips. */
    public enum MapKind {
        PCA("PCA"), TSNE("t-SNE");

        private final String displayName;

        MapKind(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }

        /** {@code pca} or {@code tsne}, any case. */
        public static MapKind parse(String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "pca" -> PCA;
                case "tsne" -> TSNE;
                default -> throw new BadInputException("--map " + s + ": expected pca or tsne");
            };
        }
    }

    /**
     * The clusters of {@code points}.
     *
     * @param points the clips' L2-normalised mean embeddings, in clip order
     * @param assignment per clip, its cluster 0..k-1
     * @param k the number of clusters
     */
    public record Clustering(double[][] points, int[] assignment, int k) {
        /** The indices of the clips in cluster {@code c}, in clip order. */
        public List<Integer> members(int c) {
            List<Integer> m = new ArrayList<>();
            for (int i = 0; i < assignment.length; i++) {
                if (assignment[i] == c) {
                    m.add(i);
                }
            }
            return m;
        }

        /** Agreement with known labels (1 identical, about 0 for chance), given each clip's label index. */
        public double adjustedRandIndex(int[] truth) {
            return AdjustedRandIndex.of(truth, assignment);
        }
    }

    /** A label and how many clips of a cluster have it. */
    public record LabelCount(String label, int count) {
    }

    private Clusterer() {
    }

    /** Each clip's mean embedding over its patches, scaled to unit length. */
    public static double[][] points(List<ClipFeatures> clips) {
        double[][] x = new double[clips.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = normalise(Pooling.MEAN.pool(clips.get(i).patches()));
        }
        return x;
    }

    /**
     * k-means with {@code k} clusters on the clips' {@linkplain #points points}.
     *
     * @throws BadInputException when there are fewer clips than clusters
     */
    public static Clustering kMeans(List<ClipFeatures> clips, int k, long seed) {
        if (k < 2) {
            throw new BadInputException("bad value for --k: " + k + " (allowed 2 to the number of clips)");
        }
        if (k > clips.size()) {
            throw new BadInputException("--k " + k + ": only " + clips.size() + " readable clips");
        }
        double[][] x = points(clips);
        MathEx.setSeed(seed);
        KMeans km = KMeans.lloyd(x, k, MAX_ITERATIONS, TOLERANCE);
        return new Clustering(x, km.y, k);
    }

    /** Two coordinates per point: the first two principal components, or t-SNE (seeded) from up to 50 of them. */
    public static double[][] map(double[][] x, MapKind kind, long seed) {
        int dims = Math.min(x[0].length, Math.min(TSNE_INPUT_DIMENSIONS, x.length));
        PCA pca = PCA.fit(x).getProjection(kind == MapKind.PCA ? 2 : Math.max(2, dims));
        double[][] p = pca.apply(x);
        if (kind == MapKind.PCA || x.length < 5) {
            return p;
        }
        MathEx.setSeed(seed);
        TSNE t = new TSNE(p, 2, perplexity(x.length), TSNE_LEARNING_RATE, TSNE_ITERATIONS);
        return t.coordinates;
    }

    /** t-SNE's perplexity for {@code n} points: 30, or less for few points ({@code (n - 1) / 3}, at least 2). */
    public static double perplexity(int n) {
        return Math.max(2, Math.min(30, (n - 1) / 3.0));
    }

    /**
     * The most frequent labels among {@code labels}, most frequent first (ties in name order), at most {@code n}.
     */
    public static List<LabelCount> topLabels(List<String> labels, int n) {
        Map<String, Integer> count = new TreeMap<>();
        for (String l : labels) {
            count.merge(l, 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(count.entrySet());
        sorted.sort((a, b) -> b.getValue() - a.getValue());
        List<LabelCount> out = new ArrayList<>();
        for (int t = 0; t < Math.min(n, sorted.size()); t++) {
            out.add(new LabelCount(sorted.get(t).getKey(), sorted.get(t).getValue()));
        }
        return out;
    }

    /** How many different labels {@code labels} holds. */
    public static int distinct(List<String> labels) {
        return (int) labels.stream().distinct().count();
    }

    private static double[] normalise(double[] v) {
        double n = 0;
        for (double d : v) {
            n += d * d;
        }
        n = Math.sqrt(n);
        if (n > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= n;
            }
        }
        return v;
    }
}
