package dev.hark.serve.store;

import java.util.List;

/**
 * One event as the store keeps it (onset to offset).
 *
 * @param id its number, unique in the database
 * @param concept the label or concept heard
 * @param score the best score so far (the peak, once ended)
 * @param startSeconds start on the stream's timeline (seconds since the service started listening)
 * @param endSeconds end on the stream's timeline (NaN while the event is still going on)
 * @param wallTimeMillis wall-clock time of the start, milliseconds since 1970 (UTC)
 * @param topLabels the best labels of the window that triggered it, best first
 * @param device where the audio came from (device name, or the input file)
 * @param clipPath the saved clip, or null
 * @param verdict "right", "wrong" or null when not marked
 */
public record StoredEvent(long id, String concept, double score, double startSeconds, double endSeconds,
        long wallTimeMillis, List<TopLabel> topLabels, String device, String clipPath, String verdict) {
    public StoredEvent {
        topLabels = List.copyOf(topLabels);
    }

    /** A label and its score. */
    public record TopLabel(String label, double score) {
    }

    public boolean ended() {
        return !Double.isNaN(endSeconds);
    }
}
