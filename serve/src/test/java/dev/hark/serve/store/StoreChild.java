package dev.hark.serve.store;

import java.nio.file.Path;
import java.util.List;

/**
 * A child process for {@link KillNineTest}: appends events to the store as fast as it can (ending some, adding
 * clips to others) and prints {@code committed ID} after each insert has returned.
 */
public final class StoreChild {
    private StoreChild() {
    }

    public static void main(String[] args) {
        try (EventStore s = EventStore.open(Path.of(args[0]), 5000)) {
            long id = s.maxId();
            while (true) {
                id++;
                s.insert(new StoredEvent(id, "Dog", 0.5, id, Double.NaN, System.currentTimeMillis(),
                        List.of(new StoredEvent.TopLabel("Dog", 0.5)), "child", null, null));
                System.out.println("committed " + id);
                System.out.flush();
                s.end(id, id + 1.0, 0.9);
                if (id % 3 == 0) {
                    s.setClip(id, "/clips/" + id + ".wav", 1000);
                }
            }
        }
    }
}
