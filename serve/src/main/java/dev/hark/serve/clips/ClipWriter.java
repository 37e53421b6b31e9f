package dev.hark.serve.clips;

import dev.hark.core.io.AtomicFile;
import dev.hark.core.io.IoFailures;
import dev.hark.errors.BadInputException;
import dev.hark.live.record.ClipNames;
import dev.hark.serve.config.ClipSettings;
import dev.hark.serve.sink.Worker;
import dev.hark.serve.store.EventStore;
import dev.hark.serve.store.StoreWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Saves clips on a thread of its own and applies the retention policy after each. A clip that cannot be written
 * (a full disk, a lost directory) stops clip saving with one status line, never the detection: the next clips
 * are tried again (after retention has had a chance to free space), counted, and a line says when saving works again.
 */
public final class ClipWriter implements AutoCloseable {
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Clips that may wait to be written (each up to 2 minutes of audio). */
    static final int QUEUE = 16;

    private final ClipSettings settings;
    private final ClipFiles files;
    private final StoreWriter store;
    private final Consumer<String> status;
    private final Retention retention;
    private final Worker worker;
    private final AtomicLong saved = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private volatile String problem;

    /** @throws BadInputException when the clip directory cannot be created or written */
    public ClipWriter(ClipSettings settings, ClipFiles files, StoreWriter store, Consumer<String> status) {
        this.settings = settings;
        this.files = files;
        this.store = store;
        this.status = status;
        this.retention = new Retention(settings);
        try {
            AtomicFile.checkDirectory(settings.dir());
        } catch (IOException e) {
            throw new BadInputException("cannot save clips in " + settings.dir() + ": " + IoFailures.reason(e), e);
        }
        this.worker = new Worker("hark-clips", QUEUE, e -> status.accept("clips: " + e.getMessage()));
    }

    /** Queues the clip of event {@code id}; false when too many clips wait (counted as failed). */
    public boolean submit(long id, String concept, long wallTimeMillis, float[] samples16k) {
        boolean queued = worker.submit(() -> write(id, concept, wallTimeMillis, samples16k));
        if (!queued) {
            failed.incrementAndGet();
            status.accept("clips: the clip of event " + id + " was dropped (" + QUEUE + " clips already waiting to be "
                    + "written); detection goes on");
        }
        return queued;
    }

    private void write(long id, String concept, long wallTimeMillis, float[] samples) {
        Path file = settings.dir().resolve(id + "_" + NAME_TIME.format(Instant.ofEpochMilli(wallTimeMillis)) + "_"
                + ClipNames.safe(concept) + ".wav");
        long bytes;
        try {
            bytes = files.writeWav(file, samples);
        } catch (IOException e) {
            failed.incrementAndGet();
            if (problem == null) {
                problem = "clip saving stopped: cannot write " + file + ": " + IoFailures.reason(e)
                        + "; detection goes on, events are stored without clips";
                status.accept(problem);
            }
            applyRetention(); // may free room for the next one
            return;
        }
        saved.incrementAndGet();
        if (problem != null) {
            problem = null;
            status.accept("clip saving works again (" + file + "); " + failed.get() + " clip(s) could not be saved");
        }
        store.submit(s -> s.setClip(id, file.toString(), bytes), this::applyRetention);
    }

    /** Deletes the clips the policy no longer keeps (from disk and from their events). */
    void applyRetention() {
        EventStore s = store.store();
        for (EventStore.ClipRow c : retention.toDelete(s.clips(), System.currentTimeMillis())) {
            Path p = Path.of(c.path());
            if (!p.toAbsolutePath().normalize().startsWith(settings.dir().toAbsolutePath().normalize())) {
                continue; // only ever delete inside the clip directory
            }
            try {
                files.delete(p);
                s.setClip(c.id(), null, 0);
                deleted.incrementAndGet();
            } catch (IOException e) {
                status.accept("clips: cannot delete " + p + ": " + IoFailures.reason(e));
            }
        }
    }

    /** The current problem (null while clips are saved). */
    public String problem() {
        return problem;
    }

    public long saved() {
        return saved.get();
    }

    public long failed() {
        return failed.get();
    }

    public long deleted() {
        return deleted.get();
    }

    public Path dir() {
        return settings.dir();
    }

    @Override
    public void close() {
        worker.close();
    }
}
