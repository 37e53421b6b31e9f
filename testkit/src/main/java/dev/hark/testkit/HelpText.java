package dev.hark.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Checks a picocli command's {@code --help} (and every subcommand's), as picocli wraps it at its default width, for
 * a line break inside a word: a word the descriptions hold whole that the help shows split over two lines.
 */
public final class HelpText {
    private static final Pattern END = Pattern.compile("([A-Za-z][A-Za-z.]*)$");
    private static final Pattern START = Pattern.compile("^\\s*([A-Za-z][A-Za-z.]*)");

    /** What was checked: how many commands, and each split found ({@code "cmd: left|right (the line)"}). */
    public record Check(int commands, List<String> splits) {
    }

    private HelpText() {
    }

    public static Check check(CommandLine cl) {
        List<String> splits = new ArrayList<>();
        int n = check(cl, splits);
        return new Check(n, List.copyOf(splits));
    }

    /** The word split at the break of {@code a} and {@code b}, where the source text has it unbroken; else null. */
    public static String split(String a, String b, String source) {
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
        for (CommandLine sub : new LinkedHashSet<>(cl.getSubcommands().values())) {
            n += check(sub, splits);
        }
        return n;
    }
}
