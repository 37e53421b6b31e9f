package dev.hark.app;

import dev.hark.core.audio.AudioFiles;
import dev.hark.core.dataset.DatasetFolder;
import dev.hark.errors.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code hark feedback}: files a clip (one that {@code listen --record} saved) into the data set as a negative or
 * as an example of a label, so that the next {@code hark train} learns from it; the filing is the data set's own
 * ({@link DatasetFolder#file}), the same as the service's verdicts.
 */
@Command(name = "feedback", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"File a clip into the data set: --wrong as a negative (DIR/_negative/: a sound that is none of "
                + "the labels), --as LABEL as an example of LABEL (DIR/LABEL/), so that the next 'hark train "
                + "--dataset DIR' learns from it. Filing a clip again moves it.",
            "Exit codes: 0 filed, 2 bad clip, label or folder."})
final class FeedbackCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CLIP", description = "The clip, e.g. one saved by 'hark listen --record'.")
    Path clip;

    static final class Verdict {
        @Option(names = "--wrong", required = true, description = "The clip is none of the labels: file it as a negative.")
        boolean wrong;

        @Option(names = "--as", required = true, paramLabel = "LABEL", description = "The clip is LABEL: file it as one.")
        String as;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Verdict verdict;

    @Option(names = "--into", paramLabel = "DIR", defaultValue = TeachCommand.DEFAULT_DATASET,
            description = "The data set folder (default: ./${DEFAULT-VALUE}, as 'hark teach').")
    Path into;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String label = verdict.wrong ? null : DatasetFolder.checkLabel(verdict.as, "--as");
        if (!Files.isRegularFile(clip)) {
            throw new BadInputException(clip + ": no such file");
        }
        AudioFiles.readMono16k(clip); // a clip that does not decode would only fail the next training
        DatasetFolder folder = new DatasetFolder(into);
        DatasetFolder.Filed f = folder.file(clip, label);
        String as = label == null ? "a negative" : label;
        out.println((f.alreadyThere() ? "already filed as " : "filed as ") + as + ": " + f.file());
        for (Path p : f.movedFrom()) {
            out.println("removed the earlier filing " + p);
        }
        out.println(TeachCommand.holds(folder, label));
        return ExitCodes.OK;
    }
}
