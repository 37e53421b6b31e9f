package dev.hark.app;

import dev.hark.core.audio.NoiseMix;
import dev.hark.core.dataset.Clip;
import dev.hark.errors.BadInputException;
import dev.hark.models.train.ClipFeaturizer;
import dev.hark.models.train.FeatureExtractor;
import dev.hark.models.train.Featurizers;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** How the learning commands open a featurizer and run {@link FeatureExtractor} with a progress display. */
public final class Extraction {
    private Extraction() {
    }

    /** Extracts features, with progress on err and a one-line summary plus one line per skipped file on out. */
    static FeatureExtractor.Result run(ClipFeaturizer featurizer, FeatureOptions o, List<Clip> clips, String task,
            PrintWriter out, PrintWriter err) {
        return run(featurizer, o, clips, List.of(), task, out, err);
    }

    /** The same, each clip also featurized over pink noise at every SNR of {@code noise} ({@link NoiseMix}). */
    static FeatureExtractor.Result run(ClipFeaturizer featurizer, FeatureOptions o, List<Clip> clips,
            List<NoiseMix> noise, String task, PrintWriter out, PrintWriter err) {
        long t0 = System.nanoTime();
        FeatureExtractor.Result r;
        try (Progress p = Progress.start(task, clips.size() * (1 + noise.size()), err)) {
            r = new FeatureExtractor(featurizer, o.cache(), o.decodeWorkers(), noise).extract(clips, p);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (FeatureExtractor.Failure f : r.failures()) {
            err.println("hark: skipped " + f.file() + ": " + f.reason());
        }
        String copies = noise.isEmpty() ? "" : String.format(Locale.ROOT, " (%d clean, %d over noise)",
                r.clips().size() / (1 + noise.size()), r.clips().size() - r.clips().size() / (1 + noise.size()));
        out.printf("features: %d clips%s in %.1f s (%d from cache, %d computed), %d skipped%s%n", r.clips().size(),
                copies, seconds, r.cacheHits(), r.computed(), r.failures().size(),
                r.cacheWriteErrors() > 0 ? ", " + r.cacheWriteErrors() + " cache entries not written" : "");
        out.flush();
        err.flush();
        if (r.clips().isEmpty()) {
            throw new BadInputException("no readable clip among " + clips.size() + " (see the messages above)");
        }
        return r;
    }

    /** Opens the featurizer {@code spec} names with the hop and threads of {@code o}. */
    static ClipFeaturizer open(String spec, FeatureOptions o) {
        o.validate();
        return Featurizers.open(spec, o.hopFrames(), o.modelThreads);
    }

    /** Opens the featurizer of {@code o}'s {@code --model}. */
    public static ClipFeaturizer open(FeatureOptions o) {
        return open(o.model(), o);
    }
}
