package dev.hark.models.head;

import dev.hark.errors.ModelException;
import dev.hark.models.embed.EmbeddingBatch;
import java.nio.file.Path;
import java.util.List;

/**
 * A {@code .hark} bundle used as a classifier head: its ONNX graph scores each window's embedding over the
 * bundle's labels, and a window the head rejects ({@link Rejection}: background, or too unsure) scores 0 for
 * every label, so it raises no event. Loading checks that the running embedder makes the features the bundle was
 * trained on. Holds an ONNX Runtime session: close it.
 */
public final class TrainedHead implements WindowClassifier, AutoCloseable {
    private final Bundle bundle;
    private final Path file;
    private final OnnxHead head;
    private final ClipModel model;

    private TrainedHead(Bundle bundle, Path file) {
        this.bundle = bundle;
        this.file = file;
        this.head = bundle.openHead("classifier " + file);
        this.model = new ClipModel(bundle.features().pooling(), head);
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

    /** The clip model running the bundle's graph (probabilities over labels and the background column). */
    public ClipModel model() {
        return model;
    }

    public Rejection rejection() {
        return bundle.rejection();
    }

    @Override
    public List<String> labels() {
        return bundle.labels();
    }

    @Override
    public float[][] classify(EmbeddingBatch batch) {
        double[][] p = model.windowPosteriors(batch.embeddings());
        float[][] out = new float[p.length][];
        for (int i = 0; i < p.length; i++) {
            out[i] = bundle.rejection().labelScores(p[i], bundle.labels().size());
        }
        return out;
    }

    /** Probabilities of a whole clip from all its patch embeddings (pooled as in training, or patch votes averaged). */
    public double[] clipPosteriors(float[][] patchEmbeddings) {
        return model.clipPosteriors(patchEmbeddings);
    }

    /** The label decided for probabilities {@code p} (of a clip or window), or {@value Rejection#UNKNOWN}. */
    public String decide(double[] p) {
        int d = bundle.rejection().decide(p, bundle.labels().size());
        return d < bundle.labels().size() ? bundle.labels().get(d) : Rejection.UNKNOWN;
    }

    @Override
    public void close() {
        head.close();
    }
}
