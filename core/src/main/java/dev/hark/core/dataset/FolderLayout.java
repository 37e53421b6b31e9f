package dev.hark.core.dataset;

import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One folder per class: every visible sub-folder holding audio files ({@link Dataset#AUDIO_EXTENSIONS}, searched
 * recursively) is a label, in name order; every such file is a clip; no folds. At least two labels are needed.
 */
final class FolderLayout {
    private FolderLayout() {
    }

    static Dataset read(Path dir) {
        List<Path> folders;
        try (Stream<Path> s = Files.list(dir)) {
            folders = s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("data set " + dir + ": cannot list: " + e.getMessage(), e);
        }
        List<String> labels = new ArrayList<>();
        List<Clip> clips = new ArrayList<>();
        for (Path folder : folders) {
            List<Path> files = audioFilesIn(folder);
            if (files.isEmpty()) {
                continue;
            }
            String label = folder.getFileName().toString();
            int index = labels.size();
            labels.add(label);
            for (Path f : files) {
                clips.add(new Clip(f, label, index, 0));
            }
        }
        if (labels.isEmpty()) {
            throw new BadInputException("data set " + dir + ": no labelled audio found; expected "
                    + MetadataLayout.ESC50.metadata() + " (ESC-50), " + MetadataLayout.URBANSOUND8K.metadata()
                    + " (UrbanSound8K) or one sub-folder of audio files per label");
        }
        if (labels.size() < 2) {
            throw new BadInputException("data set " + dir + ": only one label ('" + labels.get(0)
                    + "'); a folder-per-class data set needs at least two sub-folders of audio files");
        }
        return Dataset.of(dir, DatasetLayout.FOLDER_PER_CLASS, labels, clips);
    }

    private static List<Path> audioFilesIn(Path folder) {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).filter(Dataset::isAudioFile).sorted().toList();
        } catch (IOException e) {
            throw new BadInputException("data set folder " + folder + ": cannot list: " + e.getMessage(), e);
        }
    }
}
