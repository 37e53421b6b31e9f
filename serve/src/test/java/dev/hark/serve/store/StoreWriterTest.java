package dev.hark.serve.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database locked by another program delays the writes; none is lost or reordered, and it is said. */
class StoreWriterTest {
    @Test
    void writesWaitForALockedDatabaseAndLandWhenItIsFree(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("events.db");
        List<String> status = new CopyOnWriteArrayList<>();
        try (EventStore store = EventStore.open(db, 200);
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            StoreWriter w = new StoreWriter(store, 100, status::add);
            try (Statement st = other.createStatement()) {
                st.execute("BEGIN EXCLUSIVE"); // another program holds the write lock
                CountDownLatch done = new CountDownLatch(3);
                for (long id = 1; id <= 3; id++) {
                    StoredEvent e = EventStoreTest.event(id, "Dog", id);
                    assertTrue(w.submit(s -> s.insert(e), done::countDown));
                }
                assertFalse(done.await(1500, TimeUnit.MILLISECONDS), "no write gets through the lock");
                assertTrue(w.locked());
                assertTrue(status.stream().anyMatch(s -> s.contains("is locked by another program")), status.toString());
                st.execute("COMMIT");
                assertTrue(done.await(20, TimeUnit.SECONDS), "the writes land once the lock is gone");
            }
            w.close();
            assertEquals(List.of(3L, 2L, 1L), EventStoreTest.ids(store.query(EventQuery.all())));
            assertFalse(w.locked());
            assertEquals(0, w.failed());
            assertTrue(status.stream().anyMatch(s -> s.contains("writable again")), status.toString());
        }
    }

    @Test
    void aFullQueueDropsAndCountsWithoutWaiting(@TempDir Path dir) throws Exception {
        try (EventStore store = EventStore.open(dir.resolve("e.db"), 1000)) {
            StoreWriter w = new StoreWriter(store, 2, m -> { });
            CountDownLatch hold = new CountDownLatch(1);
            w.submit(s -> {
                try {
                    hold.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, null);
            Thread.sleep(300); // the first is running; two more fill the queue
            long t0 = System.nanoTime();
            int accepted = 0;
            for (int i = 0; i < 10; i++) {
                accepted += w.submit(s -> { }, null) ? 1 : 0;
            }
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1), "submit never waits");
            assertEquals(2, accepted);
            assertEquals(8, w.dropped());
            hold.countDown();
            w.close();
        }
    }
}
