package dev.hark.spark;

import static org.apache.spark.sql.functions.col;

import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import dev.hark.core.dataset.DatasetLayout;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.FeatureSettings;
import dev.hark.models.head.Pooling;
import dev.hark.models.train.ClipFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * The labelled clips of an embeddings table as {@code hark train} and {@code hark evaluate} see a data set and its
 * extracted features: a {@link Dataset} (clips sorted by path, labels in their data set's order, folds when known)
 * and each clip's {@link ClipFeatures}, read on the driver. When a file was embedded again after it changed, the
 * rows of its newest run count.
 *
 * @param dataset the clips, labels and folds
 * @param clips the features of every clip of {@code dataset}, in the same order
 * @param settings what the rows are (the table's pooling, the patch dimension)
 */
record TableFeatures(Dataset dataset, List<ClipFeatures> clips, FeatureSettings settings) {
    /**
     * Reads {@code table}'s rows of one set of settings (the only one, or the one of model {@code modelName}).
     *
     * @throws BadInputException for a table without labelled rows, or with rows of several settings and no choice
     */
    static TableFeatures read(SparkSession spark, String table, String modelName) {
        org.apache.spark.sql.Dataset<Row> df = EmbeddingTable.read(spark, table);
        if (modelName != null) {
            df = df.where(col(EmbeddingTable.MODEL).equalTo(modelName));
        }
        List<Row> kinds = df.select(EmbeddingTable.MODEL, EmbeddingTable.MODEL_SHA256, EmbeddingTable.FRONT_END,
                EmbeddingTable.HOP_FRAMES, EmbeddingTable.POOLING).distinct().collectAsList();
        if (kinds.isEmpty()) {
            throw new BadInputException("embeddings table " + table + ": holds no rows"
                    + (modelName != null ? " of model " + modelName : ""));
        }
        if (kinds.size() > 1) {
            List<String> names = kinds.stream().map(r -> r.getString(0) + " (hop " + r.getInt(3) + " frames, pooling "
                    + r.getString(4) + ")").toList();
            throw new BadInputException("embeddings table " + table + ": holds rows of " + kinds.size()
                    + " feature settings " + names + "; choose one with --model NAME (or embed into separate tables)");
        }
        Row k = kinds.get(0);
        Pooling pooling = Pooling.parse(k.getString(4));
        if (pooling == Pooling.MEAN_STD) {
            throw new BadInputException("embeddings table " + table + ": holds mean+std rows, which cannot be trained on "
                    + "again; embed with --pooling none (or mean)");
        }
        // the newest run of every path
        org.apache.spark.sql.Dataset<Row> rows = df.withColumn("newest", functions.max(col(EmbeddingTable.RUN))
                .over(Window.partitionBy(EmbeddingTable.PATH))).where(col(EmbeddingTable.RUN).equalTo(col("newest")));
        long unlabelled = rows.where(col(EmbeddingTable.LABEL).isNull().or(col(EmbeddingTable.LABEL_INDEX).isNull()))
                .count();
        if (unlabelled > 0) {
            throw new BadInputException("embeddings table " + table + ": " + unlabelled + " rows have no label (embed a "
                    + "--dataset DIR to train or evaluate on its table)");
        }
        Iterator<Row> it = rows.select(EmbeddingTable.PATH, EmbeddingTable.LABEL, EmbeddingTable.LABEL_INDEX,
                EmbeddingTable.FOLD, EmbeddingTable.PATCH, EmbeddingTable.START_SECONDS, EmbeddingTable.EMBEDDING,
                EmbeddingTable.LEVEL_DBFS)
                .orderBy(EmbeddingTable.PATH, EmbeddingTable.PATCH).toLocalIterator();
        return assemble(table, it, k, pooling);
    }

    private static TableFeatures assemble(String table, Iterator<Row> it, Row kind, Pooling pooling) {
        TreeMap<Integer, String> labelOf = new TreeMap<>();
        List<String> paths = new ArrayList<>();
        Map<String, List<Row>> byPath = new HashMap<>();
        while (it.hasNext()) {
            Row r = it.next();
            String path = r.getString(0);
            List<Row> l = byPath.get(path);
            if (l == null) {
                l = new ArrayList<>();
                byPath.put(path, l);
                paths.add(path);
            }
            l.add(r);
            String before = labelOf.putIfAbsent(r.getInt(2), r.getString(1));
            if (before != null && !before.equals(r.getString(1))) {
                throw new BadInputException("embeddings table " + table + ": label index " + r.getInt(2)
                        + " names both '" + before + "' and '" + r.getString(1) + "' (embeddings of two data sets?)");
            }
        }
        // labels in their data set's order; indices made contiguous when some labels are absent
        List<String> labels = new ArrayList<>(labelOf.values());
        Map<Integer, Integer> index = new HashMap<>();
        int n = 0;
        for (int i : labelOf.keySet()) {
            index.put(i, n++);
        }
        List<Clip> clips = new ArrayList<>(paths.size());
        List<ClipFeatures> features = new ArrayList<>(paths.size());
        int dimension = -1;
        for (String p : paths) {
            List<Row> l = byPath.get(p);
            Row first = l.get(0);
            Clip c = new Clip(Path.of(p), first.getString(1), index.get(first.getInt(2)),
                    first.isNullAt(3) ? 0 : first.getInt(3));
            float[][] patches = new float[l.size()][];
            double[] starts = new double[l.size()];
            float[] levels = new float[l.size()];
            boolean levelled = true;
            for (int i = 0; i < patches.length; i++) {
                patches[i] = toFloats(l.get(i).getList(6));
                starts[i] = l.get(i).isNullAt(5) ? 0 : l.get(i).getDouble(5);
                levelled &= !l.get(i).isNullAt(7);
                levels[i] = levelled ? l.get(i).getFloat(7) : 0;
            }
            dimension = patches[0].length;
            clips.add(c);
            // patch rows carry their levels, so training leaves patches without sound out as hark train does
            features.add(levelled ? new ClipFeatures(c, patches, starts, levels) : new ClipFeatures(c, patches, starts));
        }
        boolean folds = clips.stream().allMatch(c -> c.fold() > 0);
        Dataset ds = Dataset.of(Path.of(table), folds ? DatasetLayout.ESC50 : DatasetLayout.FOLDER_PER_CLASS, labels,
                clips);
        FeatureSettings s = new FeatureSettings(kind.getString(0), kind.getString(1), kind.getString(2), kind.getInt(3),
                pooling, dimension);
        return new TableFeatures(ds, features, s);
    }

    private static float[] toFloats(List<Object> values) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (Float) values.get(i);
        }
        return f;
    }

    /**
     * The features of {@code wanted} (clips of this table's data set, perhaps with other folds: stratified ones), in
     * their order, each carrying the clip as given.
     */
    List<ClipFeatures> of(List<Clip> wanted) {
        Map<Path, ClipFeatures> byPath = new HashMap<>();
        for (ClipFeatures c : clips) {
            byPath.put(c.clip().path(), c);
        }
        List<ClipFeatures> out = new ArrayList<>(wanted.size());
        for (Clip c : wanted) {
            ClipFeatures f = byPath.get(c.path());
            out.add(f.withClip(c));
        }
        return out;
    }

    /** One line like hark's data set line: {@code embeddings T: 1600 clips, 50 labels, folds [1, 2, 3, 4]}. */
    String describe() {
        return "embeddings " + dataset.root() + ": " + dataset.clips().size() + " clips, " + dataset.labels().size()
                + " labels" + (dataset.hasFolds() ? ", folds " + dataset.folds() : "");
    }

    /**
     * The pooling training uses: any, on a table of patch rows; on a table of mean-pooled rows, mean only.
     *
     * @throws BadInputException otherwise
     */
    Pooling trainingPooling(Pooling asked) {
        if (settings.pooling() == Pooling.NONE || asked == settings.pooling()) {
            return asked;
        }
        throw new BadInputException("--pooling " + asked.cliName() + ": the table holds " + settings.pooling().cliName()
                + "-pooled rows; use --pooling " + settings.pooling().cliName() + ", or embed with --pooling none");
    }
}
