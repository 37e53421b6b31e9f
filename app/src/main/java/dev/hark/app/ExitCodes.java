package dev.hark.app;

/** The process exit codes of every Hark command. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;
    public static final int MODEL_PROBLEM = 3;

    private ExitCodes() {
    }
}
