package dev.hark.app;

import dev.hark.errors.ModelException;
import dev.hark.models.catalog.FileStatus;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code hark models verify}: the sha256 of every present model file against the catalogue; a graph without
 * a catalogue checksum (an imported VGGish) is loaded and its shapes checked instead. Exit 3 if any is bad.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the sha256 of every present model file (exit 3 if any is corrupt).")
final class ModelsVerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<FileStatus> survey = FileStatus.survey();
        int bad = 0;
        int checked = 0;
        for (FileStatus s : survey) {
            String name = s.model().name() + "/" + s.file().fileName();
            switch (s.state()) {
                case MISSING -> out.printf(Locale.ROOT, "%-30s missing, not checked%n", name);
                case INTACT -> {
                    checked++;
                    out.printf(Locale.ROOT, "%-30s OK       sha256 %s  %s%n", name, s.sha256(), s.location());
                }
                case CORRUPT -> {
                    checked++;
                    bad++;
                    out.printf(Locale.ROOT, "%-30s CORRUPT  sha256 %s, expected %s  %s%n", name, s.sha256(),
                            s.file().sha256(), s.location());
                    err.println("hark: model file " + s.location() + " is corrupt (sha256 " + s.sha256()
                            + ", expected " + s.file().sha256() + "); delete or replace it (to get it: " + s.file().howToGet() + ")");
                }
                case UNPINNED -> {
                    checked++;
                    String loads = loads(s);
                    if (loads != null) {
                        bad++;
                        out.printf(Locale.ROOT, "%-30s BAD      %s%n", name, loads);
                        err.println("hark: " + loads);
                    } else {
                        out.printf(Locale.ROOT, "%-30s OK       no catalogue checksum (your own file): loaded, "
                                + "shapes checked  %s%n", name, s.location());
                    }
                }
                default -> throw new IllegalStateException(s.state().toString());
            }
        }
        out.printf(Locale.ROOT, "%d file(s) checked, %d bad%n", checked, bad);
        out.flush();
        err.flush();
        return bad == 0 ? ExitCodes.OK : ExitCodes.MODEL_PROBLEM;
    }

    /** Loads an unpinned graph; returns the problem, or null when it loads with the right shapes. */
    private static String loads(FileStatus s) {
        if (!s.file().fileName().endsWith(".onnx")) {
            return null;
        }
        try (Embedder e = Embedders.openKnown(s.model(), 1)) {
            return e.embeddingSize() == s.model().embeddingSize() ? null
                    : "model " + s.location() + " gives embeddings of " + e.embeddingSize() + " values, expected "
                            + s.model().embeddingSize();
        } catch (ModelException e) {
            return e.getMessage();
        }
    }
}
