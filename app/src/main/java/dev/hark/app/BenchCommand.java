package dev.hark.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hark bench}: the parent of the benchmarks (speed and memory figures are measured here, not in tests). */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure speed and memory of the pipeline's parts on this machine.",
        subcommands = {
            AudioBenchCommand.class,
            FrontEndBenchCommand.class,
            ListenBenchCommand.class,
            EmbedBenchCommand.class,
            LearnBenchCommand.class,
        })
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
