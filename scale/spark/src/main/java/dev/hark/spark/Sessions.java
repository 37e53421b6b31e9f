package dev.hark.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Starts Spark for a command. Under {@code spark-submit} the master and settings are its own; from the command line
 * ({@code java -jar hark-spark.jar}) the session is an embedded one on {@code local[*]} (or {@code --master}),
 * without the web UI, bound to the loopback interface.
 */
final class Sessions {
    private Sessions() {
    }

    static SparkSession open(String master) {
        String submitted = System.getProperty("spark.master");
        SparkSession.Builder b = SparkSession.builder().appName("hark");
        String m = master != null ? master : submitted != null ? submitted : SparkOptions.DEFAULT_MASTER;
        b.master(m);
        if (m.startsWith("local")) {
            b.config("spark.ui.enabled", "false").config("spark.driver.host", "localhost")
                    .config("spark.driver.bindAddress", "127.0.0.1").config("spark.ui.showConsoleProgress", "false");
        }
        SparkSession s = b.getOrCreate();
        s.sparkContext().setLogLevel("ERROR");
        return s;
    }

    /** The master a session runs on and its cores, e.g. {@code local[2], 2 cores}. */
    static String describe(SparkSession s) {
        return s.sparkContext().master() + ", " + s.sparkContext().defaultParallelism() + " cores";
    }
}
