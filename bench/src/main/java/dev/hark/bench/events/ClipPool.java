package dev.hark.bench.events;

import dev.hark.core.audio.ActiveRange;
import dev.hark.core.audio.AudioFiles;
import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.Dataset;
import dev.hark.errors.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The clips of each category a scene draws from, in a seeded order, each handed out once before any is reused.
 * A clip that cannot be decoded, or holds no sound, is skipped and counted.
 */
public final class ClipPool {
    private final Map<String, List<Clip>> byCategory = new HashMap<>();
    private final Map<String, Integer> next = new HashMap<>();
    private int skipped;

    /**
     * @param folds the folds to draw from, or null for every clip
     * @param categories the categories wanted; each must have clips
     * @throws BadInputException naming a category without clips
     */
    public ClipPool(Dataset ds, List<Integer> folds, List<String> categories, long seed) {
        List<Clip> clips = folds == null ? ds.clips() : ds.clipsInFolds(folds);
        for (String c : categories) {
            List<Clip> members = new ArrayList<>(clips.stream().filter(x -> x.label().equals(c)).toList());
            if (members.isEmpty()) {
                throw new BadInputException("data set " + ds.root() + " has no clips of category '" + c + "'"
                        + (folds == null ? "" : " in folds " + folds));
            }
            Collections.shuffle(members, new Random(seed * 31 + c.hashCode()));
            byCategory.put(c, members);
        }
    }

    /** The next clip of {@code category} cut to its sound, as a sound of {@code target} (null: a distractor). */
    public SoundClip next(String category, String target) {
        List<Clip> members = byCategory.get(category);
        if (members == null) {
            throw new IllegalArgumentException("not a category of this pool: " + category);
        }
        for (int tries = 0; tries < members.size(); tries++) {
            int i = next.merge(category, 1, Integer::sum) - 1;
            Clip c = members.get(i % members.size());
            float[] x;
            try {
                x = AudioFiles.readMono16k(c.path());
            } catch (BadInputException e) {
                skipped++;
                continue;
            }
            ActiveRange r = ActiveRange.of(x);
            if (r.length() == 0) {
                skipped++;
                continue;
            }
            return new SoundClip(c.path(), category, target, Arrays.copyOfRange(x, r.start(), r.end()));
        }
        throw new BadInputException("no clip of category '" + category + "' could be read or holds any sound");
    }

    /** Clips skipped so far (unreadable or silent). */
    public int skipped() {
        return skipped;
    }
}
