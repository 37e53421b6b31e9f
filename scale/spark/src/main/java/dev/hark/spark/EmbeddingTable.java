package dev.hark.spark;

import static org.apache.spark.sql.functions.col;

import dev.hark.errors.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The embeddings table's layout (Parquet): one row per clip (pooled) or per 0.96 s patch ({@code --pooling none}).
 * Columns: {@code path} (the fully qualified file), {@code sha256} (of its content), {@code label},
 * {@code label_index}, {@code fold} (null when unknown), {@code patch}, {@code start_seconds} and {@code level_dbfs} (the patch's loudest 10 ms in dBFS; null when pooled),
 * {@code embedding} (array of float), {@code model}, {@code model_sha256}, {@code front_end}, {@code hop_frames},
 * {@code pooling} and {@code run} (when the writing run started, ms since 1970).
 */
final class EmbeddingTable {
    static final String PATH = "path";
    static final String SHA256 = "sha256";
    static final String LABEL = "label";
    static final String LABEL_INDEX = "label_index";
    static final String FOLD = "fold";
    static final String PATCH = "patch";
    static final String START_SECONDS = "start_seconds";
    static final String LEVEL_DBFS = "level_dbfs";
    static final String EMBEDDING = "embedding";
    static final String MODEL = "model";
    static final String MODEL_SHA256 = "model_sha256";
    static final String FRONT_END = "front_end";
    static final String HOP_FRAMES = "hop_frames";
    static final String POOLING = "pooling";
    static final String RUN = "run";

    /** The columns, in the order written. */
    static final List<String> COLUMNS = List.of(PATH, SHA256, LABEL, LABEL_INDEX, FOLD, PATCH, START_SECONDS,
            LEVEL_DBFS, EMBEDDING, MODEL, MODEL_SHA256, FRONT_END, HOP_FRAMES, POOLING, RUN);

    private EmbeddingTable() {
    }

    /** The job's records as the table's columns. */
    static Dataset<Row> columns(Dataset<EmbeddingRecord> records) {
        return records.select(col("path").as(PATH), col("sha256").as(SHA256), col("label").as(LABEL),
                col("labelIndex").as(LABEL_INDEX), col("fold").as(FOLD), col("patch").as(PATCH),
                col("startSeconds").as(START_SECONDS), col("levelDbfs").as(LEVEL_DBFS), col("embedding").as(EMBEDDING), col("model").as(MODEL),
                col("modelSha256").as(MODEL_SHA256), col("frontEnd").as(FRONT_END), col("hopFrames").as(HOP_FRAMES),
                col("pooling").as(POOLING), col("run").as(RUN));
    }

    /** Reads a table, refusing a directory that is not one (naming the missing column). */
    static Dataset<Row> read(SparkSession spark, String table) {
        Dataset<Row> df;
        try {
            df = spark.read().parquet(table);
        } catch (Exception e) { // Spark's AnalysisException (checked, thrown undeclared from Scala): no such path
            throw new BadInputException("embeddings table " + table + ": cannot read it as Parquet ("
                    + firstLine(e.getMessage()) + ")");
        }
        List<String> have = Arrays.asList(df.columns());
        for (String c : COLUMNS) {
            if (!have.contains(c)) {
                throw new BadInputException("embeddings table " + table + ": not a Hark embeddings table (no column "
                        + c + ")");
            }
        }
        return df;
    }

    /** The rows of {@code df} made with {@code s} (model, its sha256, front end, hop, pooling). */
    static Dataset<Row> withSettings(Dataset<Row> df, TableSettings s) {
        return df.where(col(MODEL).equalTo(s.model()).and(col(MODEL_SHA256).equalTo(s.modelSha256()))
                .and(col(FRONT_END).equalTo(s.frontEnd())).and(col(HOP_FRAMES).equalTo(s.hopFrames()))
                .and(col(POOLING).equalTo(s.pooling())));
    }

    /** The {@link DoneKeys} of the files {@code df} holds with settings {@code s}. */
    static DoneKeys doneKeys(Dataset<Row> df, TableSettings s) {
        Column key = functions.unhex(functions.sha2(functions.concat_ws("\n", col(PATH), col(SHA256)), 256));
        List<Row> rows = withSettings(df, s).select(key.as("k")).distinct().collectAsList();
        List<byte[]> keys = new ArrayList<>(rows.size());
        for (Row r : rows) {
            keys.add((byte[]) r.get(0));
        }
        return DoneKeys.of(keys);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
