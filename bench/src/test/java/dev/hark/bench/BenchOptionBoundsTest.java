package dev.hark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.app.ExitCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every numeric option of every benchmark, with absurd values: exit code 2, one line naming it, at once. */
class BenchOptionBoundsTest {
    @Test
    void absurdValuesAreRefusedWithOneLineEach() {
        String[][] options = {
            {"frontend", "--seconds"}, {"frontend", "--warmup-seconds"}, {"frontend", "--chunk-samples"},
            {"embed", "--seconds"}, {"embed", "--warmup-seconds"}, {"embed", "--batch"}, {"embed", "--file-seconds"},
            {"embed", "--cold-runs"}, {"audio", "--seconds"}, {"listen", "--quiet-seconds"},
            {"listen", "--sound-seconds"}, {"listen", "--replay-hours"}, {"listen", "--latency-events"},
            {"learn", "--limit"}, {"events", "--minutes"}, {"events", "--threads"},
            {"ort-parity", "--seconds"}, {"ort-parity", "--warmup-seconds"},
            {"ort-parity", "--rounds"}, {"ort-parity", "--batch"},
            {"latency", "--sounds"}, {"latency", "--gap-seconds"}, {"latency", "--quiet-seconds"},
            {"latency", "--settle-seconds"}, {"latency", "--room-dbfs"},
        };
        List<String> failures = new ArrayList<>();
        for (String[] o : options) {
            for (String v : List.of("-1", "2147483647")) {
                List<String> args = new ArrayList<>(List.of(o[0], o[1], v));
                if (o[0].equals("learn") || o[0].equals("events")) {
                    args.addAll(List.of("--dataset", "no-such-dataset"));
                }
                if (o[0].equals("ort-parity")) {
                    args.addAll(List.of("--node-modules", "no-such-dir"));
                }
                Object[] r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> BenchTest.run(args.toArray(String[]::new)));
                String err = (String) r[2];
                if (!Integer.valueOf(ExitCodes.BAD_INPUT).equals(r[0]) || err.lines().count() != 1
                        || !err.startsWith("hark: bad value for " + o[1] + ": " + v + " (allowed ")) {
                    failures.add(args + " -> " + r[0] + ": " + err);
                }
            }
        }
        assertEquals(List.of(), failures);
        Object[] r = BenchTest.run("listen", "--replay-hours", "25");
        assertTrue(((String) r[2]).startsWith("hark: bad value for --replay-hours: 25 (allowed 0 to 24)"), (String) r[2]);
    }
}
