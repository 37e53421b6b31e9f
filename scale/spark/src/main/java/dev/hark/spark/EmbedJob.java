package dev.hark.spark;

import dev.hark.errors.BadInputException;
import dev.hark.errors.HarkException;
import dev.hark.models.head.Pooling;
import dev.hark.models.train.ClipFeaturizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The embedding job: clips in, a Parquet table of embeddings out (appended to, so a rerun adds only what is new),
 * and a Parquet table of the files that could not be read, with the reason (replaced on every run).
 */
final class EmbedJob {
    /**
     * What to embed and how.
     *
     * @param clips the files (qualified paths, label and fold when known)
     * @param model {@code yamnet}, {@code vggish}, {@code mfcc} or the path of an .onnx model on the driver (shipped
     *              to the executors)
     * @param hopFrames patch hop in frames (0: the model's own)
     * @param threads ONNX Runtime threads of a run (every task runs its own clips)
     * @param pooling rows per patch ({@code none}) or per clip
     * @param out the embeddings table
     * @param errors the errors table
     * @param partitions how many partitions the clips are split into (0: 8 per core)
     */
    record Request(List<InputClip> clips, String model, int hopFrames, int threads, Pooling pooling, String out,
            String errors, int partitions) {
    }

    /** What a run did. */
    record Summary(TableSettings settings, long embedded, long skipped, long rows, List<ErrorRecord> errors,
            double seconds, int partitions) {
    }

    private EmbedJob() {
    }

    /** The errors table that goes with {@code out} ({@code x.parquet} -> {@code x.errors.parquet}). */
    static String errorsTableOf(String out) {
        String base = out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
        if (base.toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            base = base.substring(0, base.length() - ".parquet".length());
        }
        return base + ".errors.parquet";
    }

    /** The model as the executors name it: a known name as is, a local file shipped with the job. */
    static ModelSpec modelSpec(SparkSession spark, Request r) {
        String m = r.model().strip();
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.equals("yamnet") || lower.equals("vggish") || lower.equals("mfcc")) {
            return new ModelSpec(lower, false, r.hopFrames(), r.threads());
        }
        Path file = Path.of(m);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("--model " + m + ": no such model file (expected yamnet, vggish, mfcc or an "
                    + ".onnx file)");
        }
        spark.sparkContext().addFile(file.toAbsolutePath().toString());
        return new ModelSpec(file.getFileName().toString(), true, r.hopFrames(), r.threads());
    }

    /**
     * Runs the job; {@code onStart} is told the features' settings before any file is read.
     *
     * @throws BadInputException for a model file that is not there, or an output that is not an embeddings table
     */
    static Summary run(SparkSession spark, Request r, java.util.function.Consumer<TableSettings> onStart) {
        long t0 = System.nanoTime();
        ModelSpec spec = modelSpec(spark, r);
        ClipFeaturizer driverModel = ExecutorModels.get(spec);
        TableSettings settings = TableSettings.of(driverModel.settings(), r.pooling());
        onStart.accept(settings);
        DoneKeys done = DoneKeys.none();
        if (exists(spark, r.out())) {
            done = EmbeddingTable.doneKeys(EmbeddingTable.read(spark, r.out()), settings);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int partitions = r.partitions() > 0 ? r.partitions() : 8 * jsc.defaultParallelism();
        partitions = Math.max(1, Math.min(partitions, r.clips().size()));
        Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(jsc.hadoopConfiguration()));
        Broadcast<DoneKeys> doneB = jsc.broadcast(done);
        PartitionEmbedder.Counters counters = new PartitionEmbedder.Counters(jsc.sc().longAccumulator("embedded"),
                jsc.sc().longAccumulator("skipped"), jsc.sc().longAccumulator("rows"),
                jsc.sc().collectionAccumulator("errors"));
        JavaRDD<InputClip> clips = jsc.parallelize(r.clips(), partitions);
        Dataset<InputClip> in = spark.createDataset(clips.rdd(), Encoders.bean(InputClip.class));
        Dataset<EmbeddingRecord> rows = in.mapPartitions(
                new PartitionEmbedder(spec, settings, conf, doneB, counters, System.currentTimeMillis()),
                Encoders.bean(EmbeddingRecord.class));
        spark.sparkContext().setJobDescription("hark: embed " + r.clips().size() + " files");
        try {
            EmbeddingTable.columns(rows).write().mode(SaveMode.Append).parquet(r.out());
        } catch (Exception e) { // Spark's Scala code throws SparkException, a checked exception to Java
            throw unwrap(e);
        }
        // A task run twice (a retry, a speculative copy) reports its errors twice: one per file.
        Map<String, ErrorRecord> errors = new LinkedHashMap<>();
        for (ErrorRecord e : counters.errors().value()) {
            errors.putIfAbsent(e.getPath(), e);
        }
        List<ErrorRecord> errorList = new ArrayList<>(errors.values());
        spark.createDataFrame(errorList, ErrorRecord.class).select("path", "reason").coalesce(1).write()
                .mode(SaveMode.Overwrite).parquet(r.errors());
        doneB.destroy();
        conf.destroy();
        return new Summary(settings, counters.embedded().value(), counters.skipped().value(), counters.rows().value(),
                errorList, (System.nanoTime() - t0) / 1e9, partitions);
    }

    private static boolean exists(SparkSession spark, String table) {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(table);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(p);
        } catch (IOException e) {
            throw new BadInputException("--out " + table + ": cannot check it (" + e.getMessage() + ")");
        }
    }

    /** A Hark problem a task hit (a model that would not load or run) as itself, not as Spark's wrapper. */
    static RuntimeException unwrap(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HarkException h) {
                return h;
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException("the Spark job failed: " + e, e);
    }
}
