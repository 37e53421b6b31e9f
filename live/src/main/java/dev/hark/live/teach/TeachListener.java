package dev.hark.live.teach;

/**
 * Receives what a {@link Teacher} does, on the thread that called {@link Teacher#examples} or {@link
 * Teacher#background} (never the capture thread), in order. Both methods have empty defaults; {@link #statuses}
 * and {@link #examples} make a listener of one lambda.
 */
public interface TeachListener {
    /** A change of state, or a level update. */
    default void onStatus(TeachStatus status) {
    }

    /** An example (or background piece) was saved. */
    default void onExample(Example example) {
    }

    /** A listener for statuses only. */
    static TeachListener statuses(java.util.function.Consumer<? super TeachStatus> action) {
        return new TeachListener() {
            @Override
            public void onStatus(TeachStatus status) {
                action.accept(status);
            }
        };
    }

    /** A listener for saved examples only. */
    static TeachListener examples(java.util.function.Consumer<? super Example> action) {
        return new TeachListener() {
            @Override
            public void onExample(Example example) {
                action.accept(example);
            }
        };
    }
}
