package dev.hark.app;

import dev.hark.errors.BadInputException;
import dev.hark.errors.HarkException;
import dev.hark.errors.ModelException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code hark} command: parses options and hands over to one subcommand class each. */
@Command(
        name = "hark",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Real-time sound-event detection: hears a dog, glass, a siren, speech, or what you taught it.",
        subcommands = {
            CommandLine.HelpCommand.class,
            InfoCommand.class,
            FeaturesCommand.class,
            ClassifyCommand.class,
            ModelsCommand.class,
            EmbedCommand.class,
            TrainCommand.class,
            TeachCommand.class,
            FeedbackCommand.class,
            EvaluateCommand.class,
            ClusterCommand.class,
            DevicesCommand.class,
            ListenCommand.class,
            ServeCommand.class,
            LabelsCommand.class,
            CalibrateCommand.class,
            SpectrogramCommand.class,
        })
public final class Hark implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "On an internal error, print the stack trace too (otherwise one line); libraries' own "
                    + "console output goes to stderr instead of being discarded.")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        forgetArgumentFile();
        if (LeanCommandLine.opensModel(args)) {
            // ONNX Runtime's native library loads on a thread of its own while picocli builds the command line
            // (a cold classify overlaps the two); it depends on nothing the command line says
            dev.hark.models.embed.OnnxEmbedders.prefetchRuntime();
            if (LeanCommandLine.defaultModel(args)) {
                // and the default model's 15 MB graph is read out of the jar meanwhile
                var yamnet = dev.hark.models.catalog.ModelCatalog.YAMNET;
                dev.hark.models.catalog.ModelLocator.prefetchPacked(yamnet, yamnet.graph());
            }
        }
        PrintStream stdout = System.out;
        boolean debug = Arrays.asList(args).contains("--debug");
        // Hark's own output goes through the writer made here; whatever a library prints to System.out (jflac
        // reports damaged FLAC residuals there, a line per frame) must not mix into it and break --format jsonl.
        System.setOut(debug ? System.err : new PrintStream(OutputStream.nullOutputStream()));
        System.exit(run(args, new PrintWriter(stdout, true), new PrintWriter(System.err, true)));
    }

    /**
     * Deletes the argument file the {@code hark} launcher passed a long command line in ({@code -Dhark.argfile}: java
     * has read it before any of Hark's code runs), so that no temporary file is left behind. The main classes of
     * hark.jar, hark-bench.jar and hark-spark.jar call it first.
     */
    public static void forgetArgumentFile() {
        String file = System.getProperty("hark.argfile");
        if (file != null && !file.isBlank()) {
            try {
                java.nio.file.Files.deleteIfExists(java.nio.file.Path.of(file));
            } catch (java.io.IOException | RuntimeException e) {
                // a temporary file left in the temporary directory; nothing depends on it
            }
        }
    }

    /** Runs one command line with the given writers and returns its exit code (used by tests too). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = configure(LeanCommandLine.of(args), out, err);
        return cl.execute(args);
    }

    /** Builds the command line with the error-to-exit-code mapping that every subcommand shares. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return configure(new CommandLine(new Hark()), out, err);
    }

    private static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(Hark::exitCodeOf);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("hark: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            c.getErr().flush();
            return ExitCodes.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            int code = exitCodeOf(ex);
            if (code == ExitCodes.INTERNAL_ERROR) {
                c.getErr().println(internalErrorLine(ex));
                if (debugRequested(parseResult)) {
                    ex.printStackTrace(c.getErr());
                }
            } else {
                c.getErr().println("hark: " + ex.getMessage());
            }
            c.getErr().flush();
            return code;
        });
        return cl;
    }

    /** One line for a failure that is a bug of ours (or a library's), whatever its message holds. */
    static String internalErrorLine(Throwable ex) {
        String m = ex.getMessage();
        String what = ex.getClass().getName() + (m == null || m.isBlank() ? "" : ": " + m.replaceAll("\\s+", " ").trim());
        if (what.length() > 300) {
            what = what.substring(0, 300) + "...";
        }
        String hint = ex instanceof OutOfMemoryError
                ? " (out of memory; a larger -Xmx may help)" : " (a bug: please report it; --debug shows the trace)";
        return String.format(Locale.ROOT, "hark: internal error: %s%s", what, hint);
    }

    private static boolean debugRequested(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** The one place where failures become exit codes. */
    static int exitCodeOf(Throwable ex) {
        if (ex instanceof ModelException) {
            return ExitCodes.MODEL_PROBLEM;
        }
        if (ex instanceof BadInputException || ex instanceof CommandLine.ParameterException) {
            return ExitCodes.BAD_INPUT;
        }
        if (ex instanceof HarkException) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.INTERNAL_ERROR;
    }
}
