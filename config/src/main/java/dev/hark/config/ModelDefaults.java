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

    /** The {@code --threads} value meaning "every core". */
    public static final int ALL_CORES = 0;

    /** The most model threads a setting may ask for. */
    public static final int MAX_THREADS = 64;

    private ModelDefaults() {
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
