package dev.hark.models.head;

import dev.hark.errors.ModelException;
import dev.hark.models.embed.EmbeddingBatch;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code .hark} bundle used as a classifier head: scores each window's embedding over the bundle's labels
 * (probabilities summing to 1). Loading checks that the running embedder makes the features the bundle was
 * trained on.
 */
public final class TrainedHead implements WindowClassifier {
    private final Bundle bundle;
    private final Path file;

    private TrainedHead(Bundle bundle, Path file) {
        this.bundle = bundle;
        this.file = file;
    }

    /**
     * Loads {@code file} for an embedder producing {@code running} features; a bundle trained with another model,
     * model file, front end or embedding size is refused with a {@link ModelException} saying what differs.
     */
    public static TrainedHead load(Path file, FeatureSettings running) {
        return of(Bundle.load(file), file, running);
    }

    private static TrainedHead of(Bundle b, Path file, FeatureSettings running) {
        String why = running.mismatch(b.features());
        if (why != null) {
            String hint = b.features().isMfcc()
                    ? " (an MFCC classifier scores whole clips: use 'hark evaluate --classifier " + file.getFileName()
                            + "'; train with --model yamnet to label windows)"
                    : " (train it again with these features, or run with --model " + b.features().model() + ")";
            throw new ModelException("classifier " + file + " does not fit: " + why + hint);
        }
        return new TrainedHead(b, file);
    }

    /**
     * Loads {@code file} as the head of {@code embedder}, opened from the {@code --model} value {@code modelSpec}
     * (used to find the model file's sha256); refused with a {@link ModelException} when the bundle was trained on
     * other features (MFCC bundles cannot score embeddings at all).
     */
    public static TrainedHead forEmbedder(Path file, dev.hark.models.embed.Embedder embedder, String modelSpec) {
        return forEmbedder(Bundle.load(file), file, embedder, modelSpec);
    }

    /** As {@link #forEmbedder(Path, dev.hark.models.embed.Embedder, String)} for bundle {@code b}, read from {@code file}. */
    public static TrainedHead forEmbedder(Bundle b, Path file, dev.hark.models.embed.Embedder embedder,
            String modelSpec) {
        FeatureSettings running = new FeatureSettings(embedder.name(), ModelIdentity.sha256(modelSpec),
                embedder.frontEnd().cliName(), b.features().hopFrames(), b.features().pooling(),
                embedder.embeddingSize());
        return of(b, file, running);
    }

    public Bundle bundle() {
        return bundle;
    }

    public Path file() {
        return file;
    }

    @Override
    public List<String> labels() {
        return bundle.labels();
    }

    @Override
    public float[][] classify(EmbeddingBatch batch) {
        float[][] e = batch.embeddings();
        float[][] out = new float[e.length][];
        for (int i = 0; i < e.length; i++) {
            out[i] = toFloat(bundle.model().windowPosteriors(e[i]));
        }
        return out;
    }

    /** Scores a whole clip from all its patch embeddings (pooled as in training, or patch votes averaged). */
    public float[] classifyClip(float[][] patchEmbeddings) {
        return toFloat(bundle.model().clipPosteriors(patchEmbeddings));
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
