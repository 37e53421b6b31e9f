package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Every command's {@code --help}, as picocli wraps it at its default width, breaks lines between words only. */
class HelpTextTest {
    private static final Pattern END = Pattern.compile("([A-Za-z][A-Za-z.]*)$");
    private static final Pattern START = Pattern.compile("^\\s*([A-Za-z][A-Za-z.]*)");

    @Test
    void noHelpLineSplitsAWord() {
        List<String> splits = new ArrayList<>();
        int commands = check(Hark.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())),
                splits);
        assertTrue(commands >= 14, commands + " commands");
        assertEquals(List.of(), splits);
    }

    /** The word split at the break of {@code a} and {@code b}, where the source text has it unbroken; else null. */
    static String split(String a, String b, String source) {
        Matcher x = END.matcher(a.stripTrailing());
        Matcher y = START.matcher(b);
        if (!x.find() || !y.find()) {
            return null;
        }
        String joined = x.group(1) + y.group(1);
        boolean unbroken = Pattern.compile("(^|[^A-Za-z.])" + Pattern.quote(joined)).matcher(source).find();
        boolean spaced = source.contains(x.group(1) + " " + y.group(1));
        return unbroken && !spaced ? x.group(1) + "|" + y.group(1) : null;
    }

    @Test
    void theCheckFindsASplitWord() {
        assertEquals("e.|g.", split("  values, e.", "      g. lambda=0.1", "values, e.g. lambda=0.1"));
        assertEquals(null, split("  the first", "      line", "the first line"));
    }

    private static int check(CommandLine cl, List<String> splits) {
        StringBuilder source = new StringBuilder();
        CommandSpec spec = cl.getCommandSpec();
        source.append(String.join(" ", spec.usageMessage().description())).append(' ');
        for (OptionSpec o : spec.options()) {
            source.append(String.join(" ", o.description())).append(' ');
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            source.append(String.join(" ", p.description())).append(' ');
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            source.append(String.join(" ", sub.getCommandSpec().usageMessage().description())).append(' ');
        }
        List<String> lines = cl.getUsageMessage(CommandLine.Help.Ansi.OFF).lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            String s = split(lines.get(i), lines.get(i + 1), source.toString());
            if (s != null) {
                splits.add(spec.qualifiedName() + ": " + s + " (\"" + lines.get(i).strip() + "\")");
            }
        }
        int n = 1;
        for (CommandLine sub : new java.util.LinkedHashSet<>(cl.getSubcommands().values())) {
            n += check(sub, splits);
        }
        return n;
    }
}
