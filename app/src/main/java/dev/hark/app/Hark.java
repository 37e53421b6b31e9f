package dev.hark.app;

import dev.hark.errors.BadInputException;
import dev.hark.errors.HarkException;
import dev.hark.errors.ModelException;
import java.io.PrintWriter;
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
            EvaluateCommand.class,
            ClusterCommand.class,
            DevicesCommand.class,
            ListenCommand.class,
        })
public final class Hark implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line with the given writers and returns its exit code (used by tests too). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        return cl.execute(args);
    }

    /** Builds the command line with the error-to-exit-code mapping that every subcommand shares. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Hark());
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
                c.getErr().println("hark: internal error: " + ex);
                ex.printStackTrace(c.getErr());
            } else {
                c.getErr().println("hark: " + ex.getMessage());
            }
            c.getErr().flush();
            return code;
        });
        return cl;
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
