package dev.hark.spark;

import dev.hark.config.Bounds;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Where the job runs: the Spark master (spark-submit's when it launched us, else local[*]) and the partitioning. */
final class SparkOptions {
    /** The master when neither --master nor spark-submit names one: every core of this machine. */
    static final String DEFAULT_MASTER = "local[*]";

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[N], local[*], spark://HOST:PORT, yarn, k8s://... (default: the one "
                    + "spark-submit was given, else " + DEFAULT_MASTER + ").")
    String master;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions the files are split into (default 0: 8 per core of the cluster).")
    int partitions;

    void validate() {
        Bounds.check("--partitions", partitions, 0, 10_000_000, "0 means 8 per core");
    }

    /** The session: the running one under spark-submit, else a new one on {@code --master}. */
    SparkSession open() {
        validate();
        return Sessions.open(master);
    }
}
