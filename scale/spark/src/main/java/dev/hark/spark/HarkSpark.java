package dev.hark.spark;

import dev.hark.app.ExitCodes;
import dev.hark.app.Hark;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code hark-spark}: Hark's corpus-scale commands on Apache Spark ({@code embed} to a Parquet table, {@code train}
 * and {@code evaluate} on such a table, {@code bench}), run by {@code java -jar hark-spark.jar} (embedded Spark on
 * {@code local[*]}) or by {@code spark-submit --class dev.hark.spark.HarkSpark hark-spark.jar} on a cluster. Errors
 * become one line and an exit code exactly as in {@code hark}.
 */
@Command(name = "hark-spark", mixinStandardHelpOptions = true, versionProvider = SparkVersion.class,
        description = "Hark at corpus scale on Apache Spark: embed files to a Parquet table, train and evaluate on it.",
        subcommands = {CommandLine.HelpCommand.class, EmbedCommand.class, TrainCommand.class, EvaluateCommand.class,
            BenchCommand.class})
public final class HarkSpark implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "On an internal error, print the stack trace too (otherwise one line).")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        Hark.forgetArgumentFile();
        // Spark's own logging: errors only, on stderr (a cluster's spark-submit has configured it before this).
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "classpath:hark-spark-log4j2.properties");
        }
        System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        if (!sparkPresent()) {
            System.err.println("hark-spark: Apache Spark is not on the class path: run hark-spark.jar with the lib/ "
                    + "directory the build made beside it, or through spark-submit");
            System.exit(ExitCodes.BAD_INPUT);
        }
        PrintStream stdout = System.out;
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        System.setOut(debug ? System.err : new PrintStream(OutputStream.nullOutputStream()));
        int code = run(args, new PrintWriter(stdout, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** True when Spark's classes can be loaded (the jar's lib/ beside it, or a cluster's Spark). */
    static boolean sparkPresent() {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, HarkSpark.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Runs one command line with the given writers and returns its exit code (tests use it). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new HarkSpark());
        cl.setOut(out);
        cl.setErr(err);
        // hark's one mapping of failures to exit codes and one-line messages
        CommandLine hark = Hark.commandLine(out, err);
        cl.setExitCodeExceptionMapper(hark.getExitCodeExceptionMapper());
        cl.setParameterExceptionHandler(hark.getParameterExceptionHandler());
        cl.setExecutionExceptionHandler(hark.getExecutionExceptionHandler());
        return cl.execute(args);
    }
}
