package dev.hark.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line of one run, built with only the subcommand the arguments name: picocli reads every option of
 * every subcommand class it is given (and loads the classes their fields name), which took a third of a cold
 * {@code hark classify}. The root is {@link Hark} itself (its options, version and name), with its subcommands
 * taken from its {@code @Command} annotation, so the list stays in one place. When the arguments name no
 * subcommand, or {@code help}, the full command line is built, so usage and suggestions list every command.
 */
final class LeanCommandLine {
    private LeanCommandLine() {
    }

    /** The command line for {@code args}: the root with the one subcommand they name, else the full one. */
    static CommandLine of(String[] args) {
        Class<?> sub = subcommandNamed(firstWord(args));
        if (sub == null || sub == CommandLine.HelpCommand.class) {
            return new CommandLine(new Hark());
        }
        CommandLine root = new CommandLine(rootWithoutSubcommands());
        root.addSubcommand(new CommandLine(sub));
        return root;
    }

    /**
     * {@link Hark}'s spec as picocli would build it from its annotations, less the subcommands: name, description,
     * version, standard help options, and its own options (read from its fields' {@code @Option}s).
     */
    private static CommandLine.Model.CommandSpec rootWithoutSubcommands() {
        Command c = Hark.class.getAnnotation(Command.class);
        CommandLine.Model.CommandSpec spec = CommandLine.Model.CommandSpec.wrapWithoutInspection(new Hark());
        spec.name(c.name());
        spec.usageMessage().description(c.description());
        spec.versionProvider(new VersionProvider());
        spec.mixinStandardHelpOptions(c.mixinStandardHelpOptions());
        for (java.lang.reflect.Field f : Hark.class.getDeclaredFields()) {
            CommandLine.Option o = f.getAnnotation(CommandLine.Option.class);
            if (o != null) {
                spec.addOption(CommandLine.Model.OptionSpec.builder(o.names()).type(f.getType()).scopeType(o.scope())
                        .description(o.description()).build());
            }
        }
        return spec;
    }

    /** Subcommands that open an embedding model (ONNX Runtime) at once, so that its start can begin first. */
    private static final java.util.Set<String> MODEL_COMMANDS = java.util.Set.of("classify", "listen");

    /** Whether {@code args} run a subcommand that opens an embedding model (help and version requests do not). */
    static boolean opensModel(String[] args) {
        String word = firstWord(args);
        if (word == null || !MODEL_COMMANDS.contains(word)) {
            return false;
        }
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code args} leave the model at its default ({@code --model} not given, or given as the default). */
    static boolean defaultModel(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--model")) {
                return i + 1 < args.length && args[i + 1].equals(dev.hark.config.ModelDefaults.MODEL);
            }
            if (args[i].startsWith("--model=")) {
                return args[i].equals("--model=" + dev.hark.config.ModelDefaults.MODEL);
            }
        }
        return true;
    }

    /** The first argument that is not an option of the root ({@code --debug} is the root's only one with no value). */
    private static String firstWord(String[] args) {
        for (String a : args) {
            if (a.equals("--debug")) {
                continue;
            }
            return a.startsWith("-") ? null : a;
        }
        return null;
    }

    private static Class<?> subcommandNamed(String word) {
        if (word == null) {
            return null;
        }
        for (Class<?> c : Hark.class.getAnnotation(Command.class).subcommands()) {
            Command cmd = c.getAnnotation(Command.class);
            if (cmd == null) {
                continue;
            }
            if (cmd.name().equals(word)) {
                return c;
            }
            for (String alias : cmd.aliases()) {
                if (alias.equals(word)) {
                    return c;
                }
            }
        }
        return null;
    }
}
