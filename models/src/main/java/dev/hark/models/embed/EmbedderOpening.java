package dev.hark.models.embed;

import dev.hark.errors.HarkException;
import dev.hark.errors.ModelException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * An embedder being opened on a daemon thread of its own ({@link Embedders#openInBackground}), so that a command
 * can do its other start-up work (reading a head, the concept catalogue, the first file) while the model file is
 * read, checked and handed to ONNX Runtime: on two cores a cold start overlaps the two instead of adding them.
 * {@link #embedder()} waits and throws what opening threw, as itself; {@link #close()} closes the embedder, also
 * one that was never asked for.
 *
 * <pre>{@code
 * try (EmbedderOpening opening = Embedders.openInBackground("yamnet", 1)) {
 *     ...other start-up work...
 *     Embedder yamnet = opening.embedder();
 *     ...
 * }
 * }</pre>
 */
public final class EmbedderOpening implements AutoCloseable {
    private final FutureTask<Embedder> task;

    EmbedderOpening(String spec, int threads) {
        task = new FutureTask<>(() -> Embedders.open(spec, threads));
        Thread t = new Thread(task, "hark-model-opener");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The embedder, once open.
     *
     * @throws HarkException what {@link Embedders#open(String, int)} threw (a missing or corrupt model, ...)
     */
    public Embedder embedder() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while opening the model", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new ModelException("cannot open the model: " + c, c);
        }
    }

    /** Waits for the opening to end and closes the embedder if it opened. */
    @Override
    public void close() {
        Embedder e;
        try {
            e = task.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException ex) {
            return; // nothing was opened; the failure is embedder()'s to report
        }
        e.close();
    }
}
