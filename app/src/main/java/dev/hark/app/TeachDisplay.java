package dev.hark.app;

import dev.hark.live.teach.Example;
import dev.hark.live.teach.TeachListener;
import dev.hark.live.teach.TeachState;
import dev.hark.live.teach.TeachStatus;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * What {@code hark teach} shows while it records: on a terminal, one status line on stderr updated in place (what
 * it is doing, the level as a number and a bar); otherwise a plain line on stderr at each change of state. Each
 * example saved is a line on stdout.
 */
final class TeachDisplay implements TeachListener {
    /** The level bar spans this range, in dBFS. */
    static final double BAR_FLOOR_DBFS = -80;
    static final int BAR_WIDTH = 20;

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private final String what;
    private String doing = "";
    private boolean lineShown;

    /** @param what the label taught, or {@code background} */
    TeachDisplay(PrintWriter out, PrintWriter err, boolean terminal, String what) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.what = what;
    }

    @Override
    public void onStatus(TeachStatus s) {
        if (s.message() != null) {
            doing = s.message();
            TeachState state = s.state();
            if (!terminal || state.last() || state == TeachState.SETTLING || state == TeachState.RECORDING) {
                clearLine();
                err.println("hark teach: " + s.message());
                err.flush();
            }
        }
        if (terminal && !s.state().last()) {
            err.print("\r" + line(s) + "\u001b[K");
            err.flush();
            lineShown = true;
        }
    }

    @Override
    public void onExample(Example e) {
        clearLine();
        out.println(describe(e));
        out.flush();
    }

    /** e.g. {@code saved dataset/dog/dog-001.wav: 0.81 s from 4.94 s (a sound of 0.31 s, peak -10.2 dBFS)}. */
    static String describe(Example e) {
        String sound = e.seconds() == e.soundSeconds() ? "" : String.format(Locale.ROOT, "a sound of %.2f s, ",
                e.soundSeconds());
        return String.format(Locale.ROOT, "saved %s: %.2f s from %.2f s (%speak %.1f dBFS)", e.file(), e.seconds(),
                e.startSeconds(), sound, e.peakDbfs());
    }

    /** The in-place line: {@code dog 2/5  waiting for a sound ...  -62.0 dBFS [#####...............]}. */
    String line(TeachStatus s) {
        int filled = (int) Math.round(BAR_WIDTH * Math.max(0, Math.min(1, (s.levelDbfs() - BAR_FLOOR_DBFS)
                / -BAR_FLOOR_DBFS)));
        String bar = "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled);
        return String.format(Locale.ROOT, "%s %d/%d  %6.1f dBFS [%s]  %s", what, s.saved(), s.wanted(),
                s.levelDbfs(), bar, doing);
    }

    private void clearLine() {
        if (terminal && lineShown) {
            err.print("\r\u001b[K");
            err.flush();
            lineShown = false;
        }
    }
}
