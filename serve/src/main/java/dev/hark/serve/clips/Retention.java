package dev.hark.serve.clips;

import dev.hark.serve.config.ClipSettings;
import dev.hark.serve.store.EventStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which clips the retention policy deletes: going from the newest to the oldest, the newest
 * {@code keep-per-concept} clips of each concept are always kept; any other clip goes when it is older than
 * {@code max-age-days} or when keeping it would bring the total above {@code max-total-mb}.
 */
public final class Retention {
    private final ClipSettings settings;

    public Retention(ClipSettings settings) {
        this.settings = settings;
    }

    /** The clips of {@code newestFirst} to delete at {@code nowMillis}. */
    public List<EventStore.ClipRow> toDelete(List<EventStore.ClipRow> newestFirst, long nowMillis) {
        Map<String, Integer> kept = new HashMap<>();
        long maxAgeMillis = settings.maxAgeDays() > 0 ? Math.round(settings.maxAgeDays() * 86_400_000.0) : Long.MAX_VALUE;
        long maxBytes = settings.maxTotalMb() > 0 ? Math.round(settings.maxTotalMb() * 1024 * 1024) : Long.MAX_VALUE;
        long total = 0;
        List<EventStore.ClipRow> out = new ArrayList<>();
        for (EventStore.ClipRow c : newestFirst) {
            int k = kept.getOrDefault(c.concept(), 0);
            boolean protectedByCount = k < settings.keepPerConcept();
            boolean tooOld = nowMillis - c.wallTimeMillis() > maxAgeMillis;
            boolean tooMuch = total + c.bytes() > maxBytes;
            if (protectedByCount || !(tooOld || tooMuch)) {
                kept.put(c.concept(), k + 1);
                total += c.bytes();
            } else {
                out.add(c);
            }
        }
        return out;
    }
}
