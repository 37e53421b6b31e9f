package dev.hark.app;

import dev.hark.core.dataset.Clip;
import dev.hark.errors.BadInputException;
import dev.hark.models.train.ClipFeaturizer;
import dev.hark.models.train.FeatureExtractor;
import dev.hark.models.train.Featurizers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the learning commands share: finding the clips, extracting their features with progress and a summary. */
final class Extraction {
    private Extraction() {
    }

    /** Clips from FILE arguments and/or a list file (one path a line, '#' comments; relative to the list's folder). */
    static List<Clip> unlabelledClips(List<Path> files, Path list) {
        List<Path> paths = new ArrayList<>(files == null ? List.of() : files);
        if (list != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(list, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BadInputException("--list " + list + ": cannot read (" + e.getMessage() + ")");
            }
            Path base = list.toAbsolutePath().getParent();
            if (base != null && base.equals(Path.of("").toAbsolutePath())) {
                base = null; // a list in the working directory: keep its paths as written
            }
            for (String l : lines) {
                String t = l.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    Path p = Path.of(t);
                    paths.add(p.isAbsolute() || base == null ? p : base.resolve(p).normalize());
                }
            }
            if (paths.isEmpty()) {
                throw new BadInputException("--list " + list + ": names no files (expected one path a line)");
            }
        }
        List<Clip> clips = new ArrayList<>();
        for (Path p : paths) {
            clips.add(new Clip(p, "", 0, 0));
        }
        return clips;
    }

    /** Extracts features, with progress on err and a one-line summary plus one line per skipped file on out. */
    static FeatureExtractor.Result run(ClipFeaturizer featurizer, FeatureOptions o, List<Clip> clips, String task,
            PrintWriter out, PrintWriter err) {
        long t0 = System.nanoTime();
        FeatureExtractor.Result r;
        try (Progress p = Progress.start(task, clips.size(), err)) {
            r = new FeatureExtractor(featurizer, o.cache(), o.decodeThreads).extract(clips, p);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (FeatureExtractor.Failure f : r.failures()) {
            err.println("hark: skipped " + f.file() + ": " + f.reason());
        }
        out.printf("features: %d clips in %.1f s (%d from cache, %d computed), %d skipped%s%n", r.clips().size(),
                seconds, r.cacheHits(), r.computed(), r.failures().size(),
                r.cacheWriteErrors() > 0 ? ", " + r.cacheWriteErrors() + " cache entries not written" : "");
        out.flush();
        err.flush();
        if (r.clips().isEmpty()) {
            throw new BadInputException("no readable clip among " + clips.size() + " (see the messages above)");
        }
        return r;
    }

    static ClipFeaturizer open(String spec, FeatureOptions o) {
        o.validate();
        return Featurizers.open(spec, o.hopFrames, o.modelThreads);
    }

    /** Parses "1,2,3" or "1-3" into fold numbers. */
    static List<Integer> folds(String spec, String option) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : spec.split(",")) {
                String t = part.strip();
                int dash = t.indexOf('-');
                if (dash > 0) {
                    int a = Integer.parseInt(t.substring(0, dash).strip());
                    int b = Integer.parseInt(t.substring(dash + 1).strip());
                    for (int i = a; i <= b; i++) {
                        out.add(i);
                    }
                } else {
                    out.add(Integer.parseInt(t));
                }
            }
        } catch (NumberFormatException e) {
            throw new BadInputException(option + " " + spec + ": expected fold numbers like 1,2,3 or 1-3");
        }
        if (out.isEmpty() || out.stream().anyMatch(i -> i < 1)) {
            throw new BadInputException(option + " " + spec + ": expected fold numbers >= 1");
        }
        return out;
    }
}
