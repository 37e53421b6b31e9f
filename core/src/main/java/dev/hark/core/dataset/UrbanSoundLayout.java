package dev.hark.core.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * UrbanSound8K: {@code metadata/UrbanSound8K.csv} ({@code slice_file_name,...,fold,classID,class}) and the clips
 * in {@code audio/fold1..fold10/}; labels in the order of their numeric class id, folds as released.
 */
final class UrbanSoundLayout {
    static final String METADATA = "metadata/UrbanSound8K.csv";

    private UrbanSoundLayout() {
    }

    static boolean matches(Path dir) {
        return Files.exists(dir.resolve(METADATA));
    }

    static Dataset read(Path dir) {
        Path audio = dir.resolve("audio");
        Dataset.requireDirectory(dir, audio, "an audio/ folder with fold1..fold10 beside metadata/UrbanSound8K.csv"
                + " (UrbanSound8K layout)");
        MetadataCsv csv = MetadataCsv.read(dir.resolve(METADATA), "slice_file_name", "fold", "classID", "class");
        List<String> labels = csv.labelsById("classID", "class");
        Map<String, Integer> index = Dataset.indexOf(labels);
        List<Clip> clips = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            String label = csv.cell(r, "class");
            int fold = csv.fold(r);
            Path file = audio.resolve("fold" + fold).resolve(csv.cell(r, "slice_file_name"));
            clips.add(new Clip(file, label, index.get(label), fold));
        }
        return Dataset.of(dir, DatasetLayout.URBANSOUND8K, labels, clips);
    }
}
