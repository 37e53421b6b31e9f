package dev.hark.errors;

/**
 * A failure Hark reports to its user as one line, with an exit code.
 * Subclasses say which kind of problem it is; the command line maps them to exit codes in one place.
 */
public class HarkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HarkException(String message) {
        super(message);
    }

    public HarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
