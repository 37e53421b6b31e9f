package dev.hark.core.events;

/**
 * An event of one label: its onset, or its offset. Times are seconds on the stream's timeline.
 *
 * @param type onset or offset
 * @param label the label
 * @param score onset: the best score of the windows that triggered it; offset: the event's peak score
 * @param timeSeconds when it was decided: the end of the window that triggered it
 * @param startSeconds start of the event (start of its first window above the threshold)
 * @param endSeconds onset: end of the triggering window; offset: end of the event's last window above threshold
 * @param sources the model labels that made it (a concept's classes that scored at or above its threshold,
 *        highest peak first; for a raw label, the label itself)
 */
public record DetectionEvent(Type type, String label, double score, double timeSeconds, double startSeconds,
        double endSeconds, java.util.List<String> sources) {
    public DetectionEvent {
        sources = sources == null ? java.util.List.of(label) : java.util.List.copyOf(sources);
    }

    /** An event whose only source is its label. */
    public DetectionEvent(Type type, String label, double score, double timeSeconds, double startSeconds,
            double endSeconds) {
        this(type, label, score, timeSeconds, startSeconds, endSeconds, null);
    }

    /** Onset or offset. */
    public enum Type {
        ONSET, OFFSET;

        public String jsonName() {
            return this == ONSET ? "onset" : "offset";
        }
    }

    public double durationSeconds() {
        return endSeconds - startSeconds;
    }
}
