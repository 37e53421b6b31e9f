package dev.hark.core.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A data set whose clips are listed in a metadata table with their file, fold, numeric class id and label:
 * {@link #ESC50} and {@link #URBANSOUND8K}. Labels are ordered by their id, as in the releases; folds are the
 * released ones.
 *
 * @param layout which data set this is
 * @param metadata the table, relative to the data set's root
 * @param fileColumn the column naming each clip's audio file
 * @param idColumn the column with the numeric class id
 * @param labelColumn the column with the label name
 * @param audioInFoldFolders whether clips are in {@code audio/foldN/} (else in {@code audio/})
 * @param expectedAudio what {@code audio/} should be, for the message when it is missing
 */
record MetadataLayout(DatasetLayout layout, String metadata, String fileColumn, String idColumn, String labelColumn,
        boolean audioInFoldFolders, String expectedAudio) {
    /** ESC-50: {@code meta/esc50.csv} ({@code filename,fold,target,category,...}) and {@code audio/}. */
    static final MetadataLayout ESC50 = new MetadataLayout(DatasetLayout.ESC50, "meta/esc50.csv", "filename",
            "target", "category", false, "an audio/ folder beside meta/esc50.csv (ESC-50 layout)");
    /** UrbanSound8K: {@code metadata/UrbanSound8K.csv} ({@code slice_file_name,...,fold,classID,class}). */
    static final MetadataLayout URBANSOUND8K = new MetadataLayout(DatasetLayout.URBANSOUND8K,
            "metadata/UrbanSound8K.csv", "slice_file_name", "classID", "class", true,
            "an audio/ folder with fold1..fold10 beside metadata/UrbanSound8K.csv (UrbanSound8K layout)");

    /** Whether {@code dir} has this layout's metadata table. */
    boolean matches(Path dir) {
        return Files.exists(dir.resolve(metadata));
    }

    Dataset read(Path dir) {
        Path audio = dir.resolve("audio");
        Dataset.requireDirectory(dir, audio, expectedAudio);
        MetadataCsv csv = MetadataCsv.read(dir.resolve(metadata), fileColumn, "fold", idColumn, labelColumn);
        List<String> labels = csv.labelsById(idColumn, labelColumn);
        Map<String, Integer> index = Dataset.indexOf(labels);
        List<Clip> clips = new ArrayList<>();
        for (int r = 0; r < csv.size(); r++) {
            String label = csv.cell(r, labelColumn);
            int fold = csv.fold(r);
            Path folder = audioInFoldFolders ? audio.resolve("fold" + fold) : audio;
            clips.add(new Clip(folder.resolve(csv.cell(r, fileColumn)), label, index.get(label), fold));
        }
        return Dataset.of(dir, layout, labels, clips);
    }
}
