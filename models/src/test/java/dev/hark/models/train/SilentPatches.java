package dev.hark.models.train;

import dev.hark.core.dataset.Clip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Clips padded with silence, as ESC-50's are: each has one patch of its label's sound and three silent ones, whose
 * features lie near the third label's centre (as silence's embedding lies nearer some labels than others). Judged
 * with its silent patches too, every clip of the first two labels would be called the third.
 */
final class SilentPatches {
    private SilentPatches() {
    }

    /** Six clips per label of three 3-dimensional features, folds 1-4 in turn. */
    static List<ClipFeatures> clips(List<String> labels) {
        Random r = new Random(3);
        float[] silence = {0, 0, 0.9f};
        List<ClipFeatures> clips = new ArrayList<>();
        for (int label = 0; label < 3; label++) {
            for (int i = 0; i < 6; i++) {
                float[] sound = new float[3];
                for (int j = 0; j < 3; j++) {
                    sound[j] = (float) ((j == label ? 1.0 : 0.0) + 0.05 * r.nextGaussian());
                }
                Clip c = new Clip(Path.of("clip-" + label + "-" + i + ".wav"), labels.get(label), label, i % 4 + 1);
                clips.add(new ClipFeatures(c, new float[][] {sound, silence, silence, silence},
                        new double[] {0, 0.48, 0.96, 1.44}, new float[] {-20, -100, -100, -100}));
            }
        }
        return clips;
    }
}
