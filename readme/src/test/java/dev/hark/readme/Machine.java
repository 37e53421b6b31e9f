package dev.hark.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine the README's figures come from, as the README names it: the CPU's model name, family and model from
 * {@code /proc/cpuinfo} (what {@code lscpu} shows), e.g. {@code AMD EPYC (family 25, model 1)}.
 */
final class Machine {
    private Machine() {
    }

    /** This machine's CPU as the README writes it, or "unknown CPU" where /proc/cpuinfo says nothing. */
    static String here() {
        try {
            List<String> info = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return field(info, "model name") + " (family " + field(info, "cpu family") + ", model "
                    + field(info, "model") + ")";
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }

    /** Whether {@code readme} names this machine's CPU as the one its figures come from. */
    static boolean describedIn(String readme) {
        return readme.contains("CPU: " + here());
    }

    private static String field(List<String> info, String name) {
        return info.stream().filter(l -> l.matches(java.util.regex.Pattern.quote(name) + "\\s*:.*")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElseThrow();
    }
}
