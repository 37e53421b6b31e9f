package dev.hark.errors;

/** The user's input is wrong: a bad file, a bad option value, a bad data set layout (exit code 2). */
public class BadInputException extends HarkException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
