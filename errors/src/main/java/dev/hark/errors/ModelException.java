package dev.hark.errors;

/** A model file or model data is missing, corrupt or of the wrong shape (exit code 3). */
public class ModelException extends HarkException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
