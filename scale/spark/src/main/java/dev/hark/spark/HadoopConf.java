package dev.hark.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The driver's Hadoop configuration (with Spark's {@code spark.hadoop.*} settings, S3 credentials providers and the
 * like) carried to the executors, which rebuild it to open the input files.
 */
final class HadoopConf implements Serializable {
    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> entries = new HashMap<>();

    HadoopConf(Configuration conf) {
        for (Map.Entry<String, String> e : conf) {
            entries.put(e.getKey(), e.getValue());
        }
    }

    Configuration rebuild() {
        Configuration c = new Configuration(false);
        entries.forEach(c::set);
        return c;
    }
}
