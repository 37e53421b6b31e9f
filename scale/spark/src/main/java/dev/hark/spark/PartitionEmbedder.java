package dev.hark.spark;

import dev.hark.core.dataset.Clip;
import dev.hark.models.head.Pooling;
import dev.hark.models.train.ClipFeatures;
import dev.hark.models.train.ClipFeaturizer;
import dev.hark.models.train.EmbeddingRows;
import dev.hark.models.train.PatchLevels;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * The work of one partition on an executor: for each clip, in turn (so memory holds one clip's rows at a time),
 * read the bytes, hash them, skip the clip if an earlier run embedded this path with this content, else decode,
 * run the front end and the model of this JVM's shared featurizer ({@link ExecutorModels}: the very
 * {@code prepare}/{@code finish} of {@code hark embed}) and emit its rows, pooled as {@code hark embed} pools them
 * ({@link EmbeddingRows}). An unreadable file goes to the errors accumulator; a model failure fails the task.
 */
final class PartitionEmbedder implements MapPartitionsFunction<InputClip, EmbeddingRecord> {
    private static final long serialVersionUID = 1L;

    /** The job's counters and its errors. */
    record Counters(LongAccumulator embedded, LongAccumulator skipped, LongAccumulator rows,
            CollectionAccumulator<ErrorRecord> errors) implements java.io.Serializable {
    }

    private final ModelSpec model;
    private final TableSettings settings;
    private final Broadcast<HadoopConf> conf;
    private final Broadcast<DoneKeys> done;
    private final Counters counters;
    private final long run;

    PartitionEmbedder(ModelSpec model, TableSettings settings, Broadcast<HadoopConf> conf, Broadcast<DoneKeys> done,
            Counters counters, long run) {
        this.run = run;
        this.model = model;
        this.settings = settings;
        this.conf = conf;
        this.done = done;
        this.counters = counters;
    }

    @Override
    public Iterator<EmbeddingRecord> call(Iterator<InputClip> clips) {
        ClipFeaturizer featurizer = ExecutorModels.get(model);
        ClipReader reader = new ClipReader(conf.value().rebuild());
        DoneKeys doneKeys = done.value();
        Pooling pooling = Pooling.parse(settings.pooling());
        return new Iterator<>() {
            private final Deque<EmbeddingRecord> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && clips.hasNext()) {
                    embed(clips.next(), featurizer, reader, doneKeys, pooling, ready);
                }
                return !ready.isEmpty();
            }

            @Override
            public EmbeddingRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    private void embed(InputClip clip, ClipFeaturizer featurizer, ClipReader reader, DoneKeys doneKeys,
            Pooling pooling, Deque<EmbeddingRecord> out) {
        String sha;
        float[] samples;
        try {
            byte[] content = reader.bytes(clip.getPath());
            sha = ClipReader.sha256(content);
            if (doneKeys.contains(DoneKeys.key(clip.getPath(), sha))) {
                counters.skipped().add(1);
                return;
            }
            samples = reader.samples(clip.getPath(), content);
        } catch (ClipReader.Failure f) {
            counters.errors().add(new ErrorRecord(clip.getPath(), f.getMessage()));
            return;
        }
        float[][] patches = featurizer.finish(featurizer.prepare(samples));
        double[] starts = new double[patches.length];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = featurizer.patchStartSeconds(i);
        }
        float[] levels = patches.length > 0 ? PatchLevels.of(samples, starts) : new float[0];
        Clip c = new Clip(Path.of("clip"), "", 0, 0);
        List<EmbeddingRows.Row> rows = EmbeddingRows.of(List.of(new ClipFeatures(c, patches, starts)), pooling);
        for (EmbeddingRows.Row r : rows) {
            out.add(new EmbeddingRecord(clip, sha, r.pooled() ? null : r.patch(), r.pooled() ? null : r.startSeconds(),
                    r.pooled() ? null : levels[r.patch()], r.values(), settings, run));
        }
        counters.embedded().add(1);
        counters.rows().add(rows.size());
    }
}
