package dev.hark.serve.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.serve.config.ClipSettings;
import dev.hark.serve.store.EventQuery;
import dev.hark.serve.store.EventStore;
import dev.hark.serve.store.StoreWriter;
import dev.hark.serve.store.StoredEvent;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A disk that fills up stops clip saving with one status line; the events are stored all the same. */
class ClipWriterTest {
    @TempDir
    Path dir;

    /** The real disk, except that writes fail as on a full disk while {@code full} is set. */
    static final class FillingDisk implements ClipFiles {
        final AtomicBoolean full = new AtomicBoolean();

        @Override
        public long writeWav(Path file, float[] samples16k) throws IOException {
            if (full.get()) {
                throw new FileSystemException(file.toString(), null, "No space left on device");
            }
            return DISK.writeWav(file, samples16k);
        }

        @Override
        public void delete(Path file) throws IOException {
            DISK.delete(file);
        }
    }

    @Test
    void aFullDiskStopsClipSavingWithAStatusAndItResumesAfter() throws Exception {
        FillingDisk disk = new FillingDisk();
        List<String> status = new CopyOnWriteArrayList<>();
        ClipSettings cs = new ClipSettings(true, dir.resolve("clips"), 1, 0, 0, 0, false, 0.3);
        try (EventStore store = EventStore.open(dir.resolve("e.db"), 1000)) {
            StoreWriter sw = new StoreWriter(store, 100, status::add);
            ClipWriter w = new ClipWriter(cs, disk, sw, status::add);
            for (long id = 1; id <= 6; id++) {
                StoredEvent e = new StoredEvent(id, "Dog", 0.5, 0, 1, id, List.of(), "t", null, null);
                sw.submit(s -> s.insert(e), null);
                disk.full.set(id >= 3 && id <= 4);
                w.submit(id, "Dog", id, new float[16_000]);
                waitFor(() -> w.saved() + w.failed() == e.id());
                if (id == 3) {
                    assertNotNull(w.problem());
                    assertTrue(w.problem().contains("No space left on device"), w.problem());
                }
            }
            w.close();
            sw.close();
            assertNull(w.problem(), "saving again");
            assertEquals(4, w.saved());
            assertEquals(2, w.failed());
            assertEquals(1, status.stream().filter(s -> s.startsWith("clip saving stopped")).count(),
                    "said once: " + status);
            assertTrue(status.stream().anyMatch(s -> s.startsWith("clip saving works again")), status.toString());
            List<StoredEvent> events = store.query(EventQuery.all());
            assertEquals(6, events.size(), "every event stored");
            assertEquals(4, events.stream().filter(e -> e.clipPath() != null).count());
            for (StoredEvent e : events) {
                if (e.clipPath() != null) {
                    assertTrue(Files.size(Path.of(e.clipPath())) > 32_000);
                }
            }
        }
    }

    @Test
    void retentionDeletesFilesAndForgetsThemInTheStore() throws Exception {
        ClipSettings cs = new ClipSettings(true, dir.resolve("clips"), 1, 0, 0.1, 1, false, 0.3); // 100 KiB
        try (EventStore store = EventStore.open(dir.resolve("e.db"), 1000)) {
            StoreWriter sw = new StoreWriter(store, 100, m -> { });
            ClipWriter w = new ClipWriter(cs, ClipFiles.DISK, sw, m -> { });
            for (long id = 1; id <= 5; id++) {
                StoredEvent e = new StoredEvent(id, id == 1 ? "Cat" : "Dog", 0.5, 0, 1, id, List.of(), "t", null,
                        null);
                sw.submit(s -> s.insert(e), null);
                w.submit(id, e.concept(), id, new float[16_000]); // 32 KB each
            }
            w.close();
            sw.close();
            List<String> kept = store.clips().stream().map(c -> c.id() + c.concept()).toList();
            assertEquals(List.of("5Dog", "4Dog", "3Dog", "1Cat"), kept, "within 100 KiB but the one Cat kept");
            assertEquals(1, w.deleted());
            try (var files = Files.list(cs.dir())) {
                assertEquals(4, files.filter(f -> f.toString().endsWith(".wav")).count());
            }
        }
    }

    static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + 30_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(10);
        }
    }
}
