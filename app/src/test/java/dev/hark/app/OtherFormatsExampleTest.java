package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.testkit.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Other formats" example under {@code hark info}: its shell lines (sox making AU, AIFF, AIFF-C and
 * G.711/ADPCM WAV files and a GTZAN-style tree of .au files) run in a temporary folder, its {@code hark} lines run
 * in process there (with a fresh feature cache), and their output must be the README's, line for line; only
 * timings (seconds, files/s) and progress lines may differ.
 */
class OtherFormatsExampleTest {
    private static final String MARKER = "<!-- other formats example";
    private static final String HARK = "java -jar app/target/hark.jar ";

    @TempDir
    Path dir;

    @Test
    void readmeExampleRunsAndPrintsWhatTheReadmeShows() throws Exception {
        Tools.assumeSox();
        List<String> block = block(Files.readAllLines(Path.of("..", "README.md")));
        int commands = 0;
        for (int i = 0; i < block.size(); i++) {
            String command = block.get(i).substring(2);
            List<String> expected = new ArrayList<>();
            while (i + 1 < block.size() && !block.get(i + 1).startsWith("$ ")) {
                expected.add(block.get(++i));
            }
            if (command.startsWith(HARK)) {
                assertEquals(comparable(expected), comparable(hark(command.substring(HARK.length()))), command);
                commands++;
            } else {
                assertTrue(expected.isEmpty(), command + " prints nothing in the README");
                shell(command);
            }
        }
        assertEquals(5, commands, "hark commands in the example");
    }

    private static List<String> block(List<String> readme) {
        int at = 0;
        while (!readme.get(at).startsWith(MARKER)) {
            at++;
        }
        assertEquals("```", readme.get(at + 1));
        List<String> block = new ArrayList<>();
        for (int i = at + 2; !readme.get(i).equals("```"); i++) {
            block.add(readme.get(i));
        }
        assertTrue(block.get(0).startsWith("$ "), block.get(0));
        return block;
    }

    private void shell(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, command + ": " + out);
    }

    /** Runs a hark command line in {@link #dir}: its file arguments resolved there, a fresh cache for features. */
    private List<String> hark(String line) {
        List<String> args = new ArrayList<>(Arrays.asList(line.split(" +")));
        for (int k = 1; k < args.size(); k++) {
            String a = args.get(k);
            if (!a.startsWith("-") && !a.matches("[0-9.]+")) {
                args.set(k, dir.resolve(a).toString());
            }
        }
        if (args.get(0).equals("train") || args.get(0).equals("evaluate")) {
            args.add("--cache");
            args.add(dir.resolve("cache").toString());
        }
        Object[] r = HarkCommandTest.run(args.toArray(new String[0]));
        List<String> printed = new ArrayList<>(((String) r[1]).lines().toList());
        printed.addAll(((String) r[2]).lines().toList());
        String prefix = dir + "/";
        return printed.stream().map(l -> l.replace(prefix, "")).toList();
    }

    /** Without progress lines, with timings masked. */
    private static List<String> comparable(List<String> lines) {
        return lines.stream().filter(l -> !l.matches("\\w+: \\d+/\\d+ files \\(\\d+ %\\), [0-9.]+ files/s"))
                .map(l -> l.replaceAll(" in [0-9]+\\.[0-9]+ s\\b", " in # s")).toList();
    }
}
