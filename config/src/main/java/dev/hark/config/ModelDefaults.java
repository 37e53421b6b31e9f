package dev.hark.config;

/**
 * The defaults every command and the library share for running a model: one place for each, so that
 * {@code hark classify}, {@code embed}, {@code train}, {@code evaluate}, {@code cluster} and {@code listen} agree.
 */
public final class ModelDefaults {
    /** The embedding model used when none is named ({@code --model}, {@code model.name}). */
    public static final String MODEL = "yamnet";

    /**
     * Model (ONNX Runtime) threads when none are given ({@code --threads}, {@code model.threads}): one, so that
     * Hark leaves the machine free (a live listener runs for hours); {@value #ALL_CORES} asks for every core,
     * which speeds up batch work on files. Results are identical whatever the count.
     */
    public static final int THREADS = 1;

    /**
     * Decode workers of the commands that extract features from many files ({@code embed}, {@code train},
     * {@code evaluate}, {@code cluster}: {@code --decode-threads}) when none are given: {@value #ALL_CORES}, one per
     * core, so that decoding and the front end keep every core busy beside the model's {@link #THREADS} thread
     * (decoding costs more than the model; on two cores a cold extraction takes about half the time of one core's).
     * Every clip is decoded on its own, so values are identical whatever the count.
     */
    public static final int DECODE_THREADS = 0;

    /** The {@code --threads} value meaning "every core". */
    public static final int ALL_CORES = 0;

    /** The most model threads a setting may ask for. */
    public static final int MAX_THREADS = 64;

    private ModelDefaults() {
    }

    /** Checks a decode worker count ({@value #ALL_CORES} for every core, else 1 to {@value #MAX_THREADS}). */
    public static int checkDecodeThreads(String name, int threads) {
        return checkThreads(name, threads);
    }

    /** The number of threads {@code threads} asks for: {@value #ALL_CORES} is every core of this machine. */
    public static int resolveThreads(int threads) {
        return threads == ALL_CORES ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /**
     * Checks a thread count ({@value #ALL_CORES} for every core, else 1 to {@value #MAX_THREADS}).
     *
     * @param name the option or settings key named in the error ({@code --threads}, {@code model.threads})
     * @return {@code threads}
     */
    public static int checkThreads(String name, int threads) {
        return Bounds.check(name, threads, ALL_CORES, MAX_THREADS, ALL_CORES + " means every core");
    }
}
