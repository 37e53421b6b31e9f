package dev.hark.spark;

import java.io.Serializable;

/** A file the job could not embed, and why (a row of the errors table; a Java bean for Spark's encoder). */
public final class ErrorRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private String path;
    private String reason;

    public ErrorRecord() {
    }

    public ErrorRecord(String path, String reason) {
        this.path = path;
        this.reason = reason;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String v) {
        path = v;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String v) {
        reason = v;
    }
}
