package dev.hark.bench;

import dev.hark.app.Hark;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hark-bench}: measures speed, CPU, memory and latency of the pipeline's parts on this machine. A tool of its
 * own beside the {@code hark} command: the figures are measurements, never pass/fail checks (tests do not time).
 */
@Command(
        name = "hark-bench",
        mixinStandardHelpOptions = true,
        versionProvider = Bench.Version.class,
        description = "Measure speed and memory of the pipeline's parts on this machine.",
        subcommands = {
            CommandLine.HelpCommand.class,
            AudioBenchCommand.class,
            FrontEndBenchCommand.class,
            ListenBenchCommand.class,
            EmbedBenchCommand.class,
            OrtParityBenchCommand.class,
            LearnBenchCommand.class,
            FuzzBenchCommand.class,
            EventsBenchCommand.class,
            LatencyBenchCommand.class,
        })
public final class Bench implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        Hark.forgetArgumentFile();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one benchmark command line with the given writers and returns its exit code (used by tests too). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // the same mapping of failures to messages and exit codes as the hark command (one place: Hark)
        CommandLine hark = Hark.commandLine(out, err);
        CommandLine cl = new CommandLine(new Bench());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(hark.getExitCodeExceptionMapper());
        cl.setParameterExceptionHandler(hark.getParameterExceptionHandler());
        cl.setExecutionExceptionHandler(hark.getExecutionExceptionHandler());
        return cl.execute(args);
    }

    /** The version from this jar's manifest ("dev" when run from classes). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Bench.class.getPackage().getImplementationVersion();
            return new String[] {"hark-bench " + (v == null ? "dev" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
