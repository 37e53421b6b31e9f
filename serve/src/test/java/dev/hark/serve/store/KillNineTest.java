package dev.hark.serve.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer killed with SIGKILL at random instants loses no committed event and leaves a database that opens. */
class KillNineTest {
    @Test
    void killedAtRandomInstantsNoCommittedEventIsLost(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("events.db");
        Random random = new Random(12);
        long committed = 0;
        int rounds = 3;
        for (int round = 0; round < rounds; round++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), StoreChild.class.getName(), db.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<Long> seen = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String l; (l = r.readLine()) != null; ) {
                        if (l.startsWith("committed ")) {
                            synchronized (seen) {
                                seen.add(Long.parseLong(l.substring(10)));
                            }
                        }
                    }
                } catch (java.io.IOException e) {
                    // the child was killed
                }
            });
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) { // wait for the child to write, then kill it at a random instant
                synchronized (seen) {
                    if (seen.size() > 5) {
                        break;
                    }
                }
                Thread.sleep(20);
            }
            Thread.sleep(random.nextInt(400));
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            reader.join(10_000);
            long last;
            synchronized (seen) {
                assertTrue(seen.size() > 5, "the child wrote events before it was killed (round " + round + ")");
                last = seen.get(seen.size() - 1);
            }
            try (EventStore s = EventStore.open(db, 5000)) {
                assertEquals("ok", s.integrityCheck());
                assertTrue(s.maxId() >= last, "round " + round + ": committed " + last + ", found " + s.maxId());
                assertEquals(s.maxId(), s.count(), "no gaps: every event up to the last is there");
                for (long id = committed + 1; id <= last; id++) {
                    assertTrue(s.get(id).isPresent(), "event " + id + " was committed");
                }
                committed = s.maxId();
            }
        }
    }
}
