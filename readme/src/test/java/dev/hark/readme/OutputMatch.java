package dev.hark.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How a command's output is compared with the README's: line for line and exactly, except
 * <ul>
 * <li>timings, which vary from run to run: a number of seconds after "in", "CPU", "read", "build" or "verify"
 * ({@code in 2.84 s}, {@code processing CPU 0.10 s}), a rate in files/s, and a {@code "wallclock"} time;</li>
 * <li>progress lines a long run prints every 10 s ({@code evaluate: 800/1600 files (50 %), ...}): only the last, at
 * 100 %, is compared;</li>
 * <li>in a block marked {@code <!-- figures vary by CPU -->}, on a machine other than the README's, every number
 * (its text must still match).</li>
 * </ul>
 */
final class OutputMatch {
    private static final Pattern SECONDS = Pattern.compile("\\b(in|CPU|read|build|verify) [0-9]+(\\.[0-9]+)? s\\b");
    private static final Pattern RATE = Pattern.compile("[0-9]+(\\.[0-9]+)? files/s\\b");
    private static final Pattern WALLCLOCK = Pattern.compile("\"wallclock\":\"[^\"]*\"");
    private static final Pattern PROGRESS = Pattern.compile("\\w+: (\\d+)/(\\d+) files \\(\\d+ %\\), .*");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private OutputMatch() {
    }

    /** The lines as compared: timings masked, progress lines short of 100 % dropped, numbers masked if asked. */
    static List<String> comparable(List<String> lines, boolean maskNumbers) {
        return kept(lines).stream().map(l -> masked(l, maskNumbers)).toList();
    }

    /** The lines that are compared: all but progress lines short of 100 %. */
    private static List<String> kept(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            var p = PROGRESS.matcher(l);
            if (!p.matches() || p.group(1).equals(p.group(2))) {
                out.add(l);
            }
        }
        return out;
    }

    private static String masked(String line, boolean maskNumbers) {
        String s = SECONDS.matcher(line).replaceAll("$1 # s");
        s = RATE.matcher(s).replaceAll("# files/s");
        s = WALLCLOCK.matcher(s).replaceAll("\"wallclock\":\"#\"");
        return maskNumbers ? NUMBER.matcher(s).replaceAll("#") : s;
    }

    /**
     * Null when {@code actual} matches {@code expected}, else what differs: the first line that differs (its number
     * within the output, counted from 1) with both versions as printed, or the lines missing or extra.
     */
    static String difference(List<String> expected, List<String> actual, boolean maskNumbers) {
        List<String> e = kept(expected);
        List<String> a = kept(actual);
        if (comparable(e, maskNumbers).equals(comparable(a, maskNumbers))) {
            return null;
        }
        int n = Math.min(e.size(), a.size());
        for (int i = 0; i < n; i++) {
            if (!masked(e.get(i), maskNumbers).equals(masked(a.get(i), maskNumbers))) {
                return "output line " + (i + 1) + " differs:\n    README: " + e.get(i) + "\n    actual: " + a.get(i);
            }
        }
        if (e.size() > a.size()) {
            return "the README shows " + (e.size() - a.size()) + " more line(s), from output line " + (n + 1) + ": "
                    + e.get(n);
        }
        return "the command printed " + (a.size() - e.size()) + " more line(s), from output line " + (n + 1) + ": "
                + a.get(n);
    }
}
