package dev.hark.spark;

import dev.hark.errors.BadInputException;
import dev.hark.models.head.Pooling;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hark-spark embed}: embeddings of many files into a Parquet table, on Spark. */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Embed audio files on Spark into a Parquet table (one row per clip, or per 0.96 s patch with "
                + "--pooling none), with the same front end and model as 'hark embed'. Files that cannot be read go "
                + "to an errors table with the reason; a rerun over the same table embeds only what is not in it."})
final class EmbedCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CorpusInputs inputs;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "TABLE.parquet",
            description = "The embeddings table (a Parquet directory, on any file system Hadoop writes); appended to.")
    String out;

    @Option(names = "--errors", paramLabel = "TABLE.parquet",
            description = "The errors table, replaced on every run (default: TABLE.errors.parquet beside --out).")
    String errors;

    @Option(names = "--pooling", defaultValue = "mean", paramLabel = "POOLING",
            description = "none (one row per 0.96 s patch), mean or mean+std (one row per clip; default: ${DEFAULT-VALUE}).")
    String pooling;

    @Mixin
    ModelOptions model;

    @Mixin
    SparkOptions sparkOptions;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        Pooling p = Pooling.parse(pooling);
        model.validate();
        sparkOptions.validate();
        String errorsTable = errors != null ? errors : EmbedJob.errorsTableOf(out);
        if (errorsTable.equals(out)) {
            throw new BadInputException("--errors " + errorsTable + ": must differ from --out");
        }
        SparkSession spark = sparkOptions.open();
        try {
            CorpusInputs.Selection sel = inputs.select("embed", spark.sparkContext().hadoopConfiguration(), o);
            EmbedJob.Request r = new EmbedJob.Request(sel.clips(), model.model, model.hopFrames(), model.threads, p,
                    out, errorsTable, sparkOptions.partitions);
            EmbedJob.Summary s = EmbedJob.run(spark, r, settings -> {
                o.println("model: " + settings.features().describe());
                o.println("spark: " + Sessions.describe(spark));
                o.flush();
            });
            for (ErrorRecord er : s.errors()) {
                e.println("hark: skipped " + er.getPath() + ": " + er.getReason());
            }
            e.flush();
            o.printf(Locale.ROOT, "features: %d clips in %.1f s (%d already in the table, %d computed), %d skipped%n",
                    s.embedded() + s.skipped(), s.seconds(), s.skipped(), s.embedded(), s.errors().size());
            o.printf("wrote %s: %d rows added; errors %s: %d%n", out, s.rows(), errorsTable, s.errors().size());
            o.flush();
            if (s.embedded() + s.skipped() == 0) {
                throw new BadInputException("no readable clip among " + sel.clips().size() + " (see the messages above)");
            }
            return 0;
        } finally {
            spark.stop();
        }
    }
}
