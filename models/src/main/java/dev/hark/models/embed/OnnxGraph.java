package dev.hark.models.embed;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import dev.hark.errors.ModelException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One ONNX Runtime session on one graph, with the shapes of its inputs and outputs. Meant to be owned by one
 * thread; runs and close are nevertheless serialised, so a stray second thread cannot close the session under a
 * running inference. {@link #close()} is idempotent. Package-private plumbing of the embedders.
 */
final class OnnxGraph implements AutoCloseable {
    /** A tensor's declared shape; {@code -1} for a dimension that is free (dynamic or symbolic). */
    record Shape(String name, long[] dims, OnnxJavaType type) {
        @Override
        public String toString() {
            return name + " " + describe(dims) + (type == OnnxJavaType.FLOAT ? "" : " " + type);
        }
    }

    private final String location;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Map<String, Shape> inputs;
    private final Map<String, Shape> outputs;
    /** Runs share the session (ONNX Runtime's run is thread-safe); close waits for the runs in progress. */
    private final java.util.concurrent.locks.ReadWriteLock lock = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private boolean closed;
    /**
     * Direct buffers of {@link #run}, reused: a run takes a set (or makes one) and gives it back when its tensors are
     * closed, so concurrent runs (Spark tasks sharing the session) never share a buffer, and a lone run allocates
     * no native memory after the first.
     */
    private final java.util.concurrent.ConcurrentLinkedQueue<RunBuffers> buffers =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    private OnnxGraph(String location, OrtEnvironment env, OrtSession session, Map<String, Shape> inputs,
            Map<String, Shape> outputs) {
        this.location = location;
        this.env = env;
        this.session = session;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /**
     * Opens a graph and hands it to {@code wrap} (which checks it and builds its embedder); the graph is closed
     * when {@code wrap} throws, so a graph refused for its shapes never leaks its session.
     */
    static <T> T openAs(OnnxSource source, int threads, java.util.function.Function<OnnxGraph, T> wrap) {
        OnnxGraph g = open(source, threads);
        try {
            return wrap.apply(g);
        } catch (RuntimeException e) {
            g.close();
            throw e;
        }
    }

    /**
     * Loads a graph.
     *
     * @param source   the .onnx file or its content
     * @param threads  intra-op threads (1 for live listening; the number of cores for offline work)
     * @throws ModelException when ONNX Runtime cannot load it
     */
    static OnnxGraph open(OnnxSource source, int threads) {
        String location = source.location();
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        OrtEnvironment env = environment();
        OrtSession session = null;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // a failed load or run is a ModelException in one line; ONNX Runtime must not also log it to stderr
            options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
            if (threads > 1 && !spinning()) {
                // idle pool threads sleep instead of spinning (-Dhark.ort.spin=false): slower on an idle machine
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            session = source.path() != null ? env.createSession(source.path().toString(), options)
                    : env.createSession(source.bytes(), options);
            Map<String, Shape> in = shapes(session.getInputInfo());
            Map<String, Shape> out = shapes(session.getOutputInfo());
            return new OnnxGraph(location, env, session, in, out);
        } catch (OrtException | RuntimeException e) {
            if (session != null) {
                closeQuietlyAfter(session, e);
            }
            throw new ModelException("cannot load model " + location + " (not a valid ONNX graph?): "
                    + firstLine(e.getMessage()), e);
        }
    }

    /**
     * Whether the intra-op pool's threads spin while they wait for work, as ONNX Runtime does by default: true unless
     * the system property {@value #SPIN_PROPERTY} is {@code false}. With two threads and one patch per run, a pool that
     * sleeps instead wakes its threads for every small operator and runs a quarter slower than ONNX Runtime's own
     * (see {@code hark-bench ort-parity}); spinning only lasts while runs follow each other closely, and only matters
     * with more than one thread (the live listener's default is one). On a machine whose cores are all busy with
     * other work, spinning costs more than it saves: turn it off there.
     */
    static boolean spinning() {
        return !"false".equalsIgnoreCase(System.getProperty(SPIN_PROPERTY, "true").strip());
    }

    /** The system property that turns the intra-op pool's spinning off ({@code -Dhark.ort.spin=false}). */
    static final String SPIN_PROPERTY = "hark.ort.spin";

    /** ONNX Runtime's environment, started at most once, perhaps in the background by {@link #prefetchRuntime}. */
    private static final java.util.concurrent.FutureTask<OrtEnvironment> ENVIRONMENT =
            new java.util.concurrent.FutureTask<>(() -> {
                UnpackedRuntime.preferUnpacked();
                return OrtEnvironment.getEnvironment();
            });

    /**
     * Starts loading ONNX Runtime's native library on a daemon thread, so that it overlaps with reading and
     * checking the model file (a cold start saves a few hundred milliseconds). Idempotent.
     */
    static void prefetchRuntime() {
        if (!ENVIRONMENT.isDone() && PREFETCH_STARTED.compareAndSet(false, true)) {
            Thread t = new Thread(ENVIRONMENT, "hark-onnxruntime-loader");
            t.setDaemon(true);
            t.start();
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean PREFETCH_STARTED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private static OrtEnvironment environment() {
        ENVIRONMENT.run(); // no-op when already run or running elsewhere
        try {
            return ENVIRONMENT.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while starting ONNX Runtime", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            throw new ModelException("cannot start ONNX Runtime (native library): " + c, c);
        }
    }

    private static void closeQuietlyAfter(OrtSession session, Exception primary) {
        try {
            session.close();
        } catch (OrtException e) {
            primary.addSuppressed(e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Map<String, Shape> shapes(Map<String, NodeInfo> info) {
        Map<String, Shape> m = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInfo> e : info.entrySet()) {
            ValueInfo v = e.getValue().getInfo();
            if (v instanceof TensorInfo t) {
                m.put(e.getKey(), new Shape(e.getKey(), t.getShape().clone(), t.type));
            } else {
                m.put(e.getKey(), new Shape(e.getKey(), new long[0], OnnxJavaType.UNKNOWN));
            }
        }
        return m;
    }

    static String describe(long[] dims) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ",").append(dims[i] < 0 ? (i == 0 ? "N" : "?") : Long.toString(dims[i]));
        }
        return sb.append(']').toString();
    }

    String location() {
        return location;
    }

    Map<String, Shape> inputs() {
        return inputs;
    }

    Map<String, Shape> outputs() {
        return outputs;
    }

    /** One line listing the graph's inputs and outputs with shapes, for messages. */
    String signature() {
        return "inputs " + inputs.values().stream().map(Shape::toString).collect(Collectors.joining(", "))
                + "; outputs " + outputs.values().stream().map(Shape::toString).collect(Collectors.joining(", "));
    }

    /** The error for a graph that is not of the {@code kind} expected: what was expected and what it has. */
    ModelException notA(String kind, String expected) {
        return new ModelException("model " + location + " is not a " + kind + " graph: expected " + expected
                + ", found " + signature());
    }

    /**
     * Whether {@code actual} can carry {@code expected}: same rank, float, and each dimension equal or free.
     * The batch dimension (index 0) may also be fixed at 1 (then batches are run one patch at a time).
     */
    static boolean fits(Shape actual, long[] expected) {
        if (actual.type() != OnnxJavaType.FLOAT || actual.dims().length != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            long a = actual.dims()[i];
            long e = expected[i];
            if (a >= 0 && e >= 0 && a != e) {
                return false;
            }
            if (i == 0 && a > 1) {
                return false;
            }
        }
        return true;
    }

    /** True when the graph's batch dimension is fixed at 1. */
    static boolean batchOfOne(Shape s) {
        return s.dims().length > 0 && s.dims()[0] == 1;
    }

    /**
     * Runs the graph on {@code n} patches, copied into one input tensor of shape {@code perPatchDims}
     * prefixed by {@code n}, and returns the named outputs as {@code [n][D]} rows.
     */
    float[][][] run(String inputName, float[][][] patches, long[] perPatchDims, List<String> outputNames) {
        lock.readLock().lock();
        try {
            return runLocked(inputName, patches, perPatchDims, outputNames);
        } finally {
            lock.readLock().unlock();
        }
    }

    private float[][][] runLocked(String inputName, float[][][] patches, long[] perPatchDims, List<String> outputNames) {
        if (closed) {
            throw new IllegalStateException("model " + location + " is closed");
        }
        int n = patches.length;
        long[] shape = new long[perPatchDims.length + 1];
        shape[0] = n;
        System.arraycopy(perPatchDims, 0, shape, 1, perPatchDims.length);
        // direct buffers taken from the pool (grown when a larger batch comes): no allocation and zeroing per run,
        // and none shared between concurrent runs
        RunBuffers taken = buffers.poll();
        RunBuffers b = taken != null ? taken : new RunBuffers();
        try {
            FloatBuffer in = b.input(n * patches[0].length * patches[0][0].length);
            for (float[][] patch : patches) {
                for (float[] row : patch) {
                    in.put(row);
                }
            }
            in.flip();
            int[] widths = outputWidths(outputNames);
            return widths != null ? runPinned(b, in, inputName, shape, n, outputNames, widths)
                    : runUnpinned(in, inputName, shape, n, outputNames);
        } catch (OrtException e) {
            throw new ModelException("model " + location + " failed to run: " + firstLine(e.getMessage()), e);
        } finally {
            buffers.offer(b);
        }
    }

    /**
     * The declared width D of each named output {@code [N,D]}, or null when one of them is not of that form with a
     * fixed D (then ONNX Runtime allocates the outputs itself).
     */
    private int[] outputWidths(List<String> outputNames) {
        int[] widths = new int[outputNames.size()];
        for (int o = 0; o < widths.length; o++) {
            Shape s = outputs.get(outputNames.get(o));
            if (s == null || s.type() != OnnxJavaType.FLOAT || s.dims().length != 2 || s.dims()[1] <= 0
                    || s.dims()[1] > Integer.MAX_VALUE / 4096) {
                return null;
            }
            widths[o] = (int) s.dims()[1];
        }
        return widths;
    }

    /**
     * Runs into output tensors over this run's own direct buffers (ONNX Runtime's pinned outputs): ONNX Runtime writes
     * the results there, and they are read once into the rows returned; no output tensor is allocated by ONNX
     * Runtime, wrapped by its Java binding and copied into a temporary buffer first.
     */
    private float[][][] runPinned(RunBuffers b, FloatBuffer in, String inputName, long[] shape, int n,
            List<String> outputNames, int[] widths) throws OrtException {
        Map<String, OnnxTensor> pinned = new LinkedHashMap<>();
        FloatBuffer[] outBufs = new FloatBuffer[widths.length];
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, in, shape)) {
            for (int o = 0; o < widths.length; o++) {
                outBufs[o] = b.output(o, n * widths[o]);
                pinned.put(outputNames.get(o), OnnxTensor.createTensor(env, outBufs[o], new long[] {n, widths[o]}));
            }
            try (OrtSession.Result result = session.run(Map.of(inputName, tensor), pinned)) {
                float[][][] out = new float[widths.length][][];
                for (int o = 0; o < widths.length; o++) {
                    FloatBuffer fb = outBufs[o];
                    fb.rewind();
                    float[][] rowsOut = new float[n][widths[o]];
                    for (int i = 0; i < n; i++) {
                        fb.get(rowsOut[i]);
                    }
                    out[o] = rowsOut;
                }
                return out;
            }
        } finally {
            for (OnnxTensor t : pinned.values()) {
                t.close();
            }
        }
    }

    /** Runs letting ONNX Runtime allocate the outputs, whose shapes are then checked: for outputs of free width. */
    private float[][][] runUnpinned(FloatBuffer in, String inputName, long[] shape, int n, List<String> outputNames)
            throws OrtException {
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, in, shape);
                OrtSession.Result result = session.run(Map.of(inputName, tensor), new java.util.LinkedHashSet<>(outputNames))) {
            float[][][] out = new float[outputNames.size()][][];
            for (int o = 0; o < outputNames.size(); o++) {
                String name = outputNames.get(o);
                OnnxValue v = result.get(name).orElseThrow(
                        () -> new ModelException("model " + location + " returned no output " + name));
                if (!(v instanceof OnnxTensor t)) {
                    throw new ModelException("model " + location + ": output " + name + " is not a tensor");
                }
                long[] got = t.getInfo().getShape();
                if (got.length != 2 || got[0] != n) {
                    throw new ModelException("model " + location + ": output " + name + " has shape "
                            + describe(got) + " for a batch of " + n + ", expected [" + n + ",D]");
                }
                int d = (int) got[1];
                FloatBuffer fb = t.getFloatBuffer();
                float[][] rowsOut = new float[n][d];
                for (int i = 0; i < n; i++) {
                    fb.get(rowsOut[i]);
                }
                out[o] = rowsOut;
            }
            return out;
        }
    }

    /** One run's direct buffers: the input and one per output, each grown (never shrunk) to the largest batch. */
    private static final class RunBuffers {
        private FloatBuffer input;
        private FloatBuffer[] outputs = new FloatBuffer[0];

        /** The input buffer, cleared, its limit at {@code values}. */
        FloatBuffer input(int values) {
            input = fit(input, values);
            return input;
        }

        /** Output {@code o}'s buffer, cleared, its limit at {@code values} (the tensor made over it covers it all). */
        FloatBuffer output(int o, int values) {
            if (o >= outputs.length) {
                outputs = java.util.Arrays.copyOf(outputs, o + 1);
            }
            outputs[o] = fit(outputs[o], values);
            return outputs[o];
        }

        private static FloatBuffer fit(FloatBuffer b, int values) {
            FloatBuffer f = b != null && b.capacity() >= values ? b
                    : ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
            f.clear();
            f.limit(values);
            return f;
        }
    }

    /**
     * Closes the session; waits for the runs in progress on other threads (no close-while-running crash). Several
     * threads may run the graph at once (the Spark job's tasks share one session per executor).
     */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing model " + location + " failed: " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
