package dev.hark.app;

import dev.hark.core.dataset.Clip;
import dev.hark.core.dataset.ClipList;
import dev.hark.core.dataset.Dataset;
import dev.hark.errors.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The clips a command works on: audio files, a list file, or a data set (the only one that knows labels). */
final class ClipInputs {
    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Audio files.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--list", paramLabel = "PATHS.txt", description = "A file naming one audio file a line.")
    Path list;

    @Option(names = "--dataset", paramLabel = "DIR",
            description = "A data set directory (ESC-50, UrbanSound8K or folder per class; labels where known).")
    Path dataset;

    /** The chosen clips and, for a data set, its label names (else empty). */
    record Selection(List<Clip> clips, List<String> labels, boolean labelled) {
    }

    /** The files read for {@code clips}: the clips' audio and the list file (which no output may replace). */
    List<Path> paths(List<Clip> clips) {
        List<Path> read = new ArrayList<>(clips.size() + 1);
        clips.forEach(c -> read.add(c.path()));
        if (list != null) {
            read.add(list);
        }
        return read;
    }

    /** Resolves exactly one of the three inputs (else a usage error naming {@code command}); prints a data set's summary. */
    Selection select(String command, PrintWriter out) {
        int sources = (files.isEmpty() ? 0 : 1) + (list == null ? 0 : 1) + (dataset == null ? 0 : 1);
        if (sources != 1) {
            throw new BadInputException(command + ": give exactly one of FILE..., --list PATHS.txt or --dataset DIR");
        }
        if (dataset != null) {
            Dataset ds = Dataset.open(dataset);
            out.println(ds);
            return new Selection(ds.clips(), ds.labels(), true);
        }
        return new Selection(ClipList.of(files, list), List.of(), false);
    }
}
