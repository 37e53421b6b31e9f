package dev.hark.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs commands one after another in one bash session, as a user pasting them into a terminal would (a {@code cd}
 * or an {@code export} carries over, {@code echo $?} sees the previous command's exit code), with stdout and stderr
 * on one stream, and returns what each printed.
 */
final class ShellSession {
    private static final String END = "@@HARK-README-STEP-END@@";
    private static final Pattern MARK = Pattern.compile("\n" + END + " (\\d+) (\\d+)\n");

    /** bash's clock in microseconds: EPOCHREALTIME without its decimal point (a comma in some locales). */
    private static final String NOW_MICROS = "${EPOCHREALTIME//[.,]/}";

    private static final Pattern TIMES = Pattern.compile("(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s");

    /** What one command printed (stdout and stderr interleaved), its exit code and its wall-clock seconds. */
    record Result(List<String> lines, int exitCode, double seconds) {
    }

    /** CPU seconds (user + system) that the commands of the last session that finished and their children used. */
    static volatile double lastCpuSeconds = Double.NaN;

    private ShellSession() {
    }

    /**
     * Runs {@code commands} in {@code dir} with {@code env} (the whole environment) within {@code timeoutSeconds}.
     * A session that does not finish in time is killed (with everything it started); the commands that finished
     * are returned, the others are missing from the list.
     */
    static List<Result> run(List<String> commands, Path dir, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        // each command's wall-clock time; the clock is read before the exit code is given back, so $? stays the
        // command's
        StringBuilder script = new StringBuilder("exec 2>&1 </dev/null\n__hark_t0=" + NOW_MICROS + "\n");
        for (String c : commands) {
            script.append(c).append('\n')
                    .append("__hark_rc=$?; printf '\\n%s %d %d\\n' '").append(END).append("' \"$__hark_rc\" ")
                    .append("$(( " + NOW_MICROS + " - __hark_t0 )); __hark_t0=" + NOW_MICROS + "; ")
                    .append("(exit $__hark_rc)\n");
        }
        script.append("times\n"); // the CPU time of the shell, then of its children (the commands)
        Path file = Files.createTempFile("readme-session", ".sh");
        Files.writeString(file, script);
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String text;
        try {
            text = new String(out.get(60, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (Exception e) {
            text = "";
        } finally {
            Files.deleteIfExists(file);
        }
        lastCpuSeconds = cpuSeconds(text);
        return split(text);
    }

    /** The CPU seconds of the commands, from bash's {@code times} (its second line: the children's user and system). */
    static double cpuSeconds(String text) {
        Matcher m = TIMES.matcher(text.substring(Math.max(0, text.lastIndexOf(END))));
        double s = Double.NaN;
        while (m.find()) { // the last match: the children
            s = 60 * Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2))
                    + 60 * Double.parseDouble(m.group(3)) + Double.parseDouble(m.group(4));
        }
        return s;
    }

    static List<Result> split(String text) {
        List<Result> results = new ArrayList<>();
        Matcher m = MARK.matcher(text);
        int from = 0;
        while (m.find()) {
            String printed = text.substring(from, m.start());
            results.add(new Result(printed.lines().toList(), Integer.parseInt(m.group(1)),
                    Long.parseLong(m.group(2)) / 1e6));
            from = m.end();
        }
        return results;
    }
}
