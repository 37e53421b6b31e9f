package dev.hark.models.train;

import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.NoiseMix;
import dev.hark.core.dataset.Clip;
import dev.hark.errors.HarkException;
import dev.hark.errors.ModelException;
import dev.hark.models.catalog.Sha256;
import dev.hark.models.head.FeatureSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Features of many clips, fast: a small pool of decode workers reads each file, hashes it, looks it up in the
 * {@link EmbeddingCache} and, on a miss, decodes it to 16 kHz and runs the front end; the calling thread (the only
 * one that touches the model) embeds the prepared patches in clip order and stores them in the cache. Decoding
 * runs ahead of the model by a bounded number of clips. A clip that cannot be read or decoded is reported as a
 * {@link Failure} and skipped; a model failure aborts the run.
 *
 * <p>With noise mixes ({@code hark train --augment-noise}), each clip is featurized clean and then once over pink
 * noise per {@link NoiseMix}: its copies follow it in the result, with the same {@link Clip} (label and fold), and
 * with the clean clip's patch levels, so a patch that was silent in the clip stays out of training when noise fills
 * it. The noise of a copy is drawn from the clip's file name and the SNR, so a run gives the same copies every time
 * (and the cache holds them under their own keys). A clip and its copies are one job for a decode worker: the file
 * is read, hashed and decoded once, and its patch levels measured once.
 */
public final class FeatureExtractor {
    /** A clip that was skipped, and why. */
    public record Failure(Path file, String reason) {
    }

    /**
     * The outcome: features of the readable clips (in input order), the failures, and the cache figures
     * ({@code cacheWriteErrors}: entries that could not be stored; the run goes on without them).
     */
    public record Result(List<ClipFeatures> clips, List<Failure> failures, int cacheHits, int computed,
            int cacheWriteErrors) {
    }

    /** Called on the calling thread after every clip. */
    public interface Progress {
        void update(int done, int total);
    }

    private final ClipFeaturizer featurizer;
    private final EmbeddingCache cache;
    private final int decodeThreads;
    private final List<NoiseMix> noise;

    /**
     * @param featurizer the features to compute (owned by the caller)
     * @param cache the cache, or null for none
     * @param decodeThreads decode workers (at least 1)
     */
    public FeatureExtractor(ClipFeaturizer featurizer, EmbeddingCache cache, int decodeThreads) {
        this(featurizer, cache, decodeThreads, List.of());
    }

    /**
     * @param noise the copies of each clip over noise to featurize after it (empty: the clean clips alone)
     */
    public FeatureExtractor(ClipFeaturizer featurizer, EmbeddingCache cache, int decodeThreads, List<NoiseMix> noise) {
        this.featurizer = featurizer;
        this.cache = cache;
        this.decodeThreads = Math.max(1, decodeThreads);
        this.noise = List.copyOf(noise);
    }

    private record Prepared(Clip clip, String key, float[][] cached, Object forModel, float[] levels,
            Failure failure) {
        Prepared(Clip clip, Failure failure) {
            this(clip, null, null, null, null, failure);
        }
    }

    public Result extract(List<Clip> clips, Progress progress) {
        FeatureSettings s = featurizer.settings();
        int total = clips.size() * (1 + noise.size());
        ExecutorService pool = Executors.newFixedThreadPool(decodeThreads, r -> {
            Thread t = new Thread(r, "hark-decode");
            t.setDaemon(true);
            return t;
        });
        List<ClipFeatures> out = new ArrayList<>(total);
        List<Failure> failures = new ArrayList<>();
        int hits = 0;
        int computed = 0;
        AtomicInteger cacheWriteErrors = new AtomicInteger();
        int ahead = 4 * decodeThreads + 4;
        Deque<Future<List<Prepared>>> queue = new ArrayDeque<>();
        int next = 0;
        int done = 0;
        try {
            while (done < total) {
                while (next < clips.size() && queue.size() < ahead) {
                    Clip c = clips.get(next++);
                    queue.add(pool.submit(() -> prepare(c, s)));
                }
                List<Prepared> variants = get(queue.poll());
                for (Prepared p : variants) {
                    if (p.failure() != null) {
                        failures.add(p.failure()); // the clip's copies over noise fail with it: reported once
                        continue;
                    }
                    float[][] patches;
                    if (p.cached() != null) {
                        patches = p.cached();
                        hits++;
                    } else {
                        patches = featurizer.finish(p.forModel());
                        computed++;
                        if (cache != null && p.key() != null) {
                            try {
                                cache.put(p.key(), patches);
                            } catch (IOException e) {
                                cacheWriteErrors.incrementAndGet();
                            }
                        }
                    }
                    double[] starts = starts(patches.length);
                    float[] levels = p.levels() != null && p.levels().length == patches.length ? p.levels() : null;
                    if (cache != null && p.key() != null && levels != null && p.cached() == null) {
                        try {
                            cache.put(levelsKey(p.key()), column(levels));
                        } catch (IOException e) {
                            cacheWriteErrors.incrementAndGet();
                        }
                    }
                    out.add(new ClipFeatures(p.clip(), patches, starts, levels));
                }
                done += 1 + noise.size();
                if (progress != null) {
                    progress.update(done, total);
                }
            }
        } finally {
            for (Future<List<Prepared>> f : queue) {
                f.cancel(true);
            }
            pool.shutdownNow();
        }
        return new Result(out, failures, hits, computed, cacheWriteErrors.get());
    }

    /**
     * The clip clean and then over each noise mix, from the cache where it holds them; the file is decoded at most
     * once. A clip that cannot be read or decoded is one failure for all its variants.
     */
    private List<Prepared> prepare(Clip c, FeatureSettings s) {
        Path file = c.path();
        try {
            String key = null;
            if (cache != null) {
                key = EmbeddingCache.key(Sha256.of(Files.readAllBytes(file)), s);
            }
            CleanAudio clean = new CleanAudio(file);
            List<Prepared> out = new ArrayList<>(1 + noise.size());
            for (int v = 0; v <= noise.size(); v++) {
                NoiseMix mix = v == 0 ? null : noise.get(v - 1);
                String k = key == null || mix == null ? key : noiseKey(key, mix, seed(c, mix));
                if (k != null) {
                    var hit = cache.get(k, s.dimension());
                    if (hit.isPresent()) {
                        float[] levels = cache.get(levelsKey(k), 1).map(FeatureExtractor::flat).orElse(null);
                        if (levels == null || levels.length != hit.get().length) {
                            // features cached by an older Hark: the levels need the audio once (the clean audio's,
                            // also for a copy over noise)
                            levels = clean.levels(hit.get().length);
                            cache.put(levelsKey(k), column(levels));
                        }
                        out.add(new Prepared(c, k, hit.get(), null, levels, null));
                        continue;
                    }
                }
                float[] samples = clean.samples();
                if (samples.length == 0) {
                    return List.of(new Prepared(c, new Failure(file, "no audio samples")));
                }
                Object forModel = featurizer.prepare(mix == null ? samples : mix.apply(samples, seed(c, mix)));
                int patches = featurizer.patchCount(forModel);
                out.add(new Prepared(c, k, null, forModel, patches > 0 ? clean.levels(patches) : null, null));
            }
            return out;
        } catch (java.nio.file.NoSuchFileException e) {
            return List.of(new Prepared(c, new Failure(file, "no such file")));
        } catch (IOException e) {
            return List.of(new Prepared(c, new Failure(file, "cannot read: " + e.getMessage())));
        } catch (ModelException e) {
            throw e;
        } catch (HarkException e) {
            return List.of(new Prepared(c, new Failure(file, stripPath(e.getMessage(), file))));
        } catch (RuntimeException e) {
            return List.of(new Prepared(c, new Failure(file, "cannot decode: " + e)));
        }
    }

    /**
     * A clip's clean audio, decoded when first needed, and its patch levels, measured once per patch count: what
     * the clip and each of its copies share.
     */
    private final class CleanAudio {
        private final Path file;
        private float[] samples;
        private float[] levels;

        CleanAudio(Path file) {
            this.file = file;
        }

        float[] samples() {
            if (samples == null) {
                samples = AudioFiles.readMono16k(file);
            }
            return samples;
        }

        float[] levels(int patches) {
            if (levels == null || levels.length != patches) {
                levels = PatchLevels.of(samples(), starts(patches));
            }
            return levels;
        }
    }

    private double[] starts(int patches) {
        double[] starts = new double[patches];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = featurizer.patchStartSeconds(i);
        }
        return starts;
    }

    /** The noise of a clip's copy: the same for the same file name and SNR (at every level, scaled with the clip). */
    private static long seed(Clip clip, NoiseMix mix) {
        return clip.path().getFileName().toString().hashCode() * 1_000_003L + Double.hashCode(mix.snrDb());
    }

    /**
     * The cache key of a clip's copy over noise, next to the clean clip's {@code key}; a copy at the clip's own level
     * keeps the key it had before copies could be quieter.
     */
    static String noiseKey(String key, NoiseMix mix, long seed) {
        String level = mix.levelDb() == 0 ? "" : "level " + mix.levelDb() + "|";
        return Sha256.of(("hark-pink-noise/1|" + mix.snrDb() + "|" + level + seed + "|" + key)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The cache key of a clip's patch levels, next to its features' {@code key}. */
    static String levelsKey(String key) {
        return Sha256.of(("hark-patch-levels/1|" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static float[][] column(float[] v) {
        float[][] out = new float[v.length][1];
        for (int i = 0; i < v.length; i++) {
            out[i][0] = v[i];
        }
        return out;
    }

    private static float[] flat(float[][] c) {
        float[] out = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i][0];
        }
        return out;
    }

    /** Drops a leading "FILE: " from a message, since the failure names the file anyway. */
    private static String stripPath(String message, Path file) {
        String m = message == null ? "unreadable" : message;
        for (String prefix : new String[] {file.toString() + ": ", file.getFileName() + ": "}) {
            int i = m.indexOf(prefix);
            if (i >= 0) {
                return (m.substring(0, i) + m.substring(i + prefix.length())).trim();
            }
        }
        return m;
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarkException("interrupted while extracting features", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
