package dev.hark.app;

import dev.hark.config.ModelDefaults;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.models.catalog.FileStatus;
import dev.hark.models.catalog.KnownModel;
import dev.hark.models.catalog.ModelCatalog;
import dev.hark.models.catalog.UserModelDir;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code hark models list}: the known models, whether each is ready, and where each file was found. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Show the known models and, for each file, whether it is present and intact (sha256) and where.")
final class ModelsListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<FileStatus> survey = FileStatus.survey();
        for (KnownModel m : ModelCatalog.all()) {
            out.println(header(m, survey));
            for (FileStatus s : survey) {
                if (s.model() == m) {
                    out.println(line(s));
                }
            }
        }
        out.println("User model directory: " + UserModelDir.resolve());
        out.flush();
        return ExitCodes.OK;
    }

    static String header(KnownModel m, List<FileStatus> survey) {
        boolean corrupt = survey.stream().anyMatch(s -> s.model() == m && s.state() == FileStatus.State.CORRUPT);
        String state = FileStatus.ready(m, survey) ? "ready" : corrupt ? "CORRUPT" : "not installed";
        return String.format(Locale.ROOT, "%s%s: %s; front end %s (log offset %s, hop %.2f s), embedding %d, %s",
                m.name(), m.name().equals(ModelDefaults.MODEL) ? " (default)" : "", state, m.frontEnd().cliName(),
                m.frontEnd().logOffset(), m.frontEnd().defaultPatchHopFrames() * FrontEndParams.FRAME_HOP_SECONDS,
                m.embeddingSize(), m.labelFile() == null ? "no labels of its own" : "AudioSet labels");
    }

    static String line(FileStatus s) {
        String where = s.state() == FileStatus.State.MISSING
                ? (s.file().required() ? "" : "optional; ") + "to get it: " + s.file().howToGet() + "; looked in "
                        + s.location()
                : s.location() + (s.state() == FileStatus.State.UNPINNED ? " (your own file: no catalogue checksum)" : "");
        return String.format(Locale.ROOT, "  %-22s %-8s %s", s.file().fileName(), s.state().display(), where);
    }
}
