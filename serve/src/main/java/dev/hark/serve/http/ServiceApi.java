package dev.hark.serve.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.serve.sink.EventHub;
import dev.hark.serve.store.EventStore;
import java.nio.file.Path;

/** What the HTTP API needs from the running service (implemented by {@link dev.hark.serve.HarkService}). */
public interface ServiceApi {
    EventStore store();

    EventHub hub();

    /** The status document. */
    ObjectNode status();

    /** The concepts the detector tracks, each with the threshold now in force, as JSON. */
    ObjectNode concepts();

    /** The tuning (thresholds, watch list) now in force, as JSON. */
    ObjectNode tuning();

    /** Applies and persists a change of the tuning; returns the tuning now in force. */
    ObjectNode retune(JsonNode patch);

    /** The directory clips are kept in (a clip outside it is never served). */
    Path clipDir();

    /** Files event {@code id}'s clip into the data set as right or wrong; returns the file written. */
    Path mark(long id, boolean right);

    /** Files event {@code id}'s clip into the data set under {@code label} (it was that, not its concept). */
    Path relabel(long id, String label);

    /** Recording examples and background from the stream, and training on them. */
    dev.hark.serve.teach.Teaching teaching();

    /** Switches the live head ({@code taught} or {@code default}); returns {@link #head()}. */
    ObjectNode switchHead(String which);

    /** Which head is live and the concepts it raises events for. */
    ObjectNode head();
}
