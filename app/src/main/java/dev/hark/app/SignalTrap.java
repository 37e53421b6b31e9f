package dev.hark.app;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns termination signals into a clean stop: while installed, a SIGINT/SIGTERM/SIGHUP runs {@code onStop}
 * instead of shutting the JVM down (a second signal of the same kind then does what it did before).
 * Uses {@code sun.misc.Signal} (module jdk.unsupported), the only way to act before shutdown hooks run.
 */
final class SignalTrap {
    private final Signal signal;
    private final SignalHandler previous;

    private SignalTrap(Signal signal, SignalHandler previous) {
        this.signal = signal;
        this.previous = previous;
    }

    /** Installs a trap for each named signal that this platform has; returns them for {@link #restore}. */
    static List<SignalTrap> onStop(Runnable onStop, String... names) {
        List<SignalTrap> traps = new ArrayList<>();
        for (String name : names) {
            Signal s;
            try {
                s = new Signal(name);
            } catch (IllegalArgumentException unknownOnThisPlatform) {
                continue;
            }
            SignalHandler[] before = new SignalHandler[1];
            SignalHandler handler = sig -> {
                // the next signal of this kind goes to the JVM's own handler (a second Ctrl-C exits at once)
                Signal.handle(sig, before[0]);
                onStop.run();
            };
            try {
                before[0] = Signal.handle(s, handler);
                traps.add(new SignalTrap(s, before[0]));
            } catch (IllegalArgumentException inUseByTheJvm) {
                // e.g. a signal the JVM reserves: leave it alone
            }
        }
        return traps;
    }

    /** Puts the previous handler back. */
    void restore() {
        try {
            Signal.handle(signal, previous);
        } catch (IllegalArgumentException e) {
            // nothing to restore on this platform
        }
    }
}
