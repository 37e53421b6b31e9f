package dev.hark.core.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ESC-50: {@code meta/esc50.csv} ({@code filename,fold,target,category,...}) and the clips in {@code audio/};
 * labels in the order of their numeric target, folds as released.
 */
final class Esc50Layout {
    static final String METADATA = "meta/esc50.csv";

    private Esc50Layout() {
    }

    static boolean matches(Path dir) {
        return Files.exists(dir.resolve(METADATA));
    }

    static Dataset read(Path dir) {
        Path audio = dir.resolve("audio");
        Dataset.requireDirectory(dir, audio, "an audio/ folder beside meta/esc50.csv (ESC-50 layout)");
        MetadataCsv csv = MetadataCsv.read(dir.resolve(METADATA), "filename", "fold", "target", "category");
        List<String> labels = csv.labelsById("target", "category");
        Map<String, Integer> index = Dataset.indexOf(labels);
        List<Clip> clips = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            String category = csv.cell(r, "category");
            int fold = csv.fold(r);
            clips.add(new Clip(audio.resolve(csv.cell(r, "filename")), category, index.get(category), fold));
        }
        return Dataset.of(dir, DatasetLayout.ESC50, labels, clips);
    }
}
