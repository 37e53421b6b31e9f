package dev.hark.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command blocks of a README: fenced blocks (no language tag) whose first line starts with {@code "$ "}. In such
 * a block a line starting with {@code "$ "} is a command (a line ending in {@code " \"} continues on the next), the
 * lines after it up to the next command are its output. HTML comment lines directly before the fence are the
 * block's markers: {@code <!-- not run: REASON -->} and {@code <!-- figures vary by CPU -->}.
 */
final class ReadmeBlocks {
    static final Pattern NOT_RUN = Pattern.compile("<!--\\s*not run:\\s*(.+?)\\s*-->");
    static final String VARIES_BY_CPU = "<!-- figures vary by CPU -->";
    private static final Pattern COMMENT = Pattern.compile("\\s*<!--.*-->\\s*");

    /** A command, its 1-based line in the README and the output lines shown after it (from {@code outputLine}). */
    record Step(String command, int line, List<String> expected, int outputLine) {
    }

    /**
     * A command block.
     *
     * @param fenceLine the 1-based line of its opening fence
     * @param heading the nearest heading above it
     * @param notRun the reason it is not run, or null
     * @param variesByCpu whether its figures legitimately vary between CPUs
     */
    record Block(int fenceLine, String heading, String notRun, boolean variesByCpu, List<Step> steps) {
        String where() {
            return "README.md:" + fenceLine + " (block under \"" + heading + "\")";
        }
    }

    /** The built jars a command must not run directly, each with the launcher's spelling of it. */
    static final Map<String, String> LAUNCHER_SPELLINGS = Map.of(
            "java -jar app/target/hark.jar", "hark",
            "java -jar bench/target/hark-bench.jar", "hark bench",
            "java -jar scale/spark/target/hark-spark.jar", "hark spark");

    private ReadmeBlocks() {
    }

    /**
     * Null when {@code command} runs Hark through the launcher; else what to write instead: a user who installed the
     * {@code hark} command (the README's first step) pastes commands in a scratch directory, where
     * {@code app/target/hark.jar} does not exist.
     */
    static String launcherSpelling(String command) {
        for (Map.Entry<String, String> e : LAUNCHER_SPELLINGS.entrySet()) {
            if (command.contains(e.getKey())) {
                return "'" + e.getKey() + "' runs the built jar, which is not in the scratch directory: write '"
                        + e.getValue() + "'";
            }
        }
        return null;
    }

    static List<Block> parse(List<String> readme) {
        List<Block> blocks = new ArrayList<>();
        String heading = "(top)";
        for (int i = 0; i < readme.size(); i++) {
            String line = readme.get(i);
            if (line.startsWith("#")) {
                heading = line.replaceFirst("^#+\\s*", "");
                continue;
            }
            if (!line.startsWith("```")) {
                continue;
            }
            int open = i;
            int close = open + 1;
            while (close < readme.size() && !readme.get(close).startsWith("```")) {
                close++;
            }
            if (close == readme.size()) {
                throw new IllegalArgumentException("README.md:" + (open + 1) + ": a fence that is never closed");
            }
            i = close;
            if (!line.equals("```") || close == open + 1 || !readme.get(open + 1).startsWith("$ ")) {
                continue; // code in a language, or text that is not a command block
            }
            String notRun = null;
            boolean variesByCpu = false;
            for (int k = open - 1; k >= 0 && COMMENT.matcher(readme.get(k)).matches(); k--) {
                Matcher m = NOT_RUN.matcher(readme.get(k));
                if (m.find()) {
                    notRun = m.group(1);
                }
                variesByCpu |= readme.get(k).strip().equals(VARIES_BY_CPU);
            }
            blocks.add(new Block(open + 1, heading, notRun, variesByCpu, steps(readme, open + 1, close)));
        }
        return blocks;
    }

    /** The steps of the block whose content is lines {@code [from, to)} (0-based). */
    private static List<Step> steps(List<String> readme, int from, int to) {
        List<Step> steps = new ArrayList<>();
        int i = from;
        while (i < to) {
            int at = i;
            StringBuilder command = new StringBuilder(readme.get(i).substring(2));
            while (command.toString().endsWith("\\") && i + 1 < to) {
                command.append('\n').append(readme.get(++i));
            }
            i++;
            int outputAt = i;
            List<String> expected = new ArrayList<>();
            while (i < to && !readme.get(i).startsWith("$ ")) {
                expected.add(readme.get(i++));
            }
            steps.add(new Step(command.toString(), at + 1, List.copyOf(expected), outputAt + 1));
        }
        return steps;
    }
}
