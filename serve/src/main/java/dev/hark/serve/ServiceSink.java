package dev.hark.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.core.concepts.LevelMeter;
import dev.hark.core.events.DetectionEvent;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.live.DetectionListener;
import dev.hark.live.DetectorStatus;
import dev.hark.live.WindowScores;
import dev.hark.models.pipeline.LabelScore;
import dev.hark.models.pipeline.TopK;
import dev.hark.serve.clips.ClipRecorder;
import dev.hark.serve.sink.EventHub;
import dev.hark.serve.sink.Json;
import dev.hark.serve.store.StoreWriter;
import dev.hark.serve.store.StoredEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What the service does with the detector's reports, on the processing thread and without waiting: each onset
 * becomes a stored event (its id taken here), each offset ends it and hands its clip to the clip writer; the live
 * stream gets each event once it is committed, and every window's best scores and the sound level at once.
 */
final class ServiceSink implements DetectionListener {
    static final int TOP = 5;
    private final StoreWriter store;
    private final ClipRecorder clips;
    private final EventHub hub;
    private final String device;
    private final AtomicLong ids;
    private final LongSupplier wallClock;
    private final LevelMeter levels = new LevelMeter(FrontEndParams.SAMPLE_RATE_HZ / 2);
    private final Map<String, Long> openIds = new HashMap<>();
    private final Map<Long, StoredEvent> openEvents = new HashMap<>();
    private List<StoredEvent.TopLabel> lastTop = List.of();
    private final AtomicLong onsets = new AtomicLong();

    /**
     * @param clips null: no clips
     * @param lastId the highest id already in the store (new events count on from there)
     */
    ServiceSink(StoreWriter store, ClipRecorder clips, EventHub hub, String device, long lastId,
            LongSupplier wallClock) {
        this.store = store;
        this.clips = clips;
        this.hub = hub;
        this.device = device;
        this.ids = new AtomicLong(lastId);
        this.wallClock = wallClock;
    }

    @Override
    public void onAudio(long startSample, float[] x, int off, int len) {
        if (clips != null) {
            clips.onAudio(startSample, x, off, len);
        }
        if (hub.subscribers() > 0) {
            levels.accept(startSample, x, off, len, (start, dbfs) -> {
                ObjectNode o = Json.object();
                Json.put(o, "time_seconds", start / (double) FrontEndParams.SAMPLE_RATE_HZ);
                Json.put(o, "dbfs", dbfs);
                hub.publish("level", Json.write(o));
            });
        }
    }

    @Override
    public void onWindow(WindowScores w) {
        if (clips != null) {
            clips.onWindow(w);
        }
        if (w.scores() != null) {
            List<LabelScore> best = TopK.of(w.scores(), w.labels(), TOP);
            lastTop = best.stream().map(l -> new StoredEvent.TopLabel(l.label(), l.score())).toList();
        }
        if (hub.subscribers() > 0) {
            ObjectNode o = Json.object();
            o.put("index", w.index());
            Json.put(o, "start_seconds", w.startSeconds());
            Json.put(o, "end_seconds", w.endSeconds());
            o.put("ran", w.ran());
            ArrayNode top = o.putArray("top");
            if (w.scores() != null) {
                for (LabelScore l : TopK.of(w.scores(), w.labels(), TOP)) {
                    ObjectNode t = top.addObject();
                    t.put("label", l.label());
                    Json.put(t, "score", l.score());
                }
            }
            ArrayNode concepts = o.putArray("concepts");
            if (w.conceptScores() != null) {
                for (LabelScore l : TopK.of(w.conceptScores(), w.concepts(), TOP)) {
                    ObjectNode t = concepts.addObject();
                    t.put("concept", l.label());
                    Json.put(t, "score", l.score());
                }
            }
            hub.publish("window", Json.write(o));
        }
    }

    @Override
    public void onEvent(DetectionEvent e) {
        if (e.type() == DetectionEvent.Type.ONSET) {
            long id = ids.incrementAndGet();
            onsets.incrementAndGet();
            long wall = wallClock.getAsLong() - Math.round((e.timeSeconds() - e.startSeconds()) * 1000);
            StoredEvent se = new StoredEvent(id, e.label(), e.score(), e.startSeconds(), Double.NaN, wall, lastTop,
                    device, null, null);
            openIds.put(e.label(), id);
            openEvents.put(id, se);
            if (clips != null) {
                clips.onset(id, e.label(), e.startSeconds(), wall);
            }
            store.submit(s -> s.insert(se), () -> hub.publish("event", message("onset", se, e)));
        } else {
            Long id = openIds.remove(e.label());
            if (id == null) {
                return;
            }
            StoredEvent se = openEvents.remove(id);
            if (clips != null) {
                clips.offset(id, e.endSeconds());
            }
            store.submit(s -> s.end(id, e.endSeconds(), e.score()), () -> hub.publish("event",
                    message("offset", se, e)));
        }
    }

    private static String message(String type, StoredEvent se, DetectionEvent e) {
        ObjectNode o = Json.object();
        o.put("type", type);
        o.put("id", se.id());
        o.put("concept", se.concept());
        Json.put(o, "score", e.score());
        Json.put(o, "start_seconds", e.startSeconds());
        Json.put(o, "end_seconds", e.endSeconds());
        o.put("wall_time", Instant.ofEpochMilli(se.wallTimeMillis()).toString());
        return Json.write(o);
    }

    @Override
    public void onStatus(DetectorStatus s) {
        ObjectNode o = Json.object();
        o.put("kind", s.kind().name().toLowerCase(java.util.Locale.ROOT));
        o.put("message", s.message());
        hub.publish("status", Json.write(o));
    }

    /** Onsets seen (events handed to the store). */
    long onsets() {
        return onsets.get();
    }
}
