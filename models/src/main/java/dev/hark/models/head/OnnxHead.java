package dev.hark.models.head;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import dev.hark.errors.ModelException;
import java.nio.DoubleBuffer;
import java.util.Map;

/**
 * A bundle's head graph in an ONNX Runtime session (one thread: heads are small): rows in, probabilities out,
 * every output checked (shape, finite, in [0, 1]). Runs and close are serialised; {@link #close()} is idempotent.
 */
public final class OnnxHead implements RowClassifier, AutoCloseable {
    private final String location;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final int width;
    private final int columns;
    private boolean closed;

    private OnnxHead(String location, OrtEnvironment env, OrtSession session, int width, int columns) {
        this.location = location;
        this.env = env;
        this.session = session;
        this.width = width;
        this.columns = columns;
    }

    /**
     * Opens {@code onnx} (already checked by {@link dev.hark.models.onnx.HeadGraphCheck}) and runs it once on a
     * zero row, so that a graph whose shapes do not fit is refused now.
     */
    public static OnnxHead open(byte[] onnx, int width, int columns, String location) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            o.setInterOpNumThreads(1);
            o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            o.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            session = env.createSession(onnx, o);
        } catch (OrtException | RuntimeException e) {
            throw new ModelException(location + ": ONNX Runtime cannot load the head (" + firstLine(e) + ")", e);
        }
        OnnxHead h = new OnnxHead(location, env, session, width, columns);
        try {
            h.posteriors(new double[1][width]);
        } catch (RuntimeException e) {
            h.close();
            throw e;
        }
        return h;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public synchronized double[][] posteriors(double[][] rows) {
        if (closed) {
            throw new IllegalStateException("head " + location + " is closed");
        }
        if (rows.length == 0) {
            return new double[0][];
        }
        DoubleBuffer in = DoubleBuffer.allocate(rows.length * width);
        for (double[] r : rows) {
            if (r.length != width) {
                throw new IllegalArgumentException("row has " + r.length + " values, the head takes " + width);
            }
            in.put(r);
        }
        in.flip();
        try (OnnxTensor t = OnnxTensor.createTensor(env, in, new long[] {rows.length, width});
                OrtSession.Result r = session.run(Map.of(HeadExporter.INPUT, t))) {
            Object v = r.get(0).getValue();
            if (!(v instanceof double[][] out) || out.length != rows.length) {
                throw new ModelException(location + ": the head's output is not [" + rows.length + "," + columns
                        + "] float64");
            }
            for (double[] o : out) {
                if (o.length != columns) {
                    throw new ModelException(location + ": the head gives " + o.length + " probabilities per row, "
                            + "its metadata says " + columns);
                }
                for (double p : o) {
                    if (!(p >= -1e-9 && p <= 1 + 1e-9)) {
                        throw new ModelException(location + ": the head gives a probability of " + p);
                    }
                }
            }
            return out;
        } catch (OrtException e) {
            throw new ModelException(location + ": ONNX Runtime cannot run the head (" + firstLine(e) + ")", e);
        }
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            try {
                session.close();
            } catch (OrtException e) {
                throw new ModelException(location + ": cannot close the head session (" + firstLine(e) + ")", e);
            }
        }
    }
}
