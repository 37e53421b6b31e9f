package dev.hark.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hark models}: the parent of the model-management subcommands (list, verify, import-*). */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "List, verify and import models.",
        subcommands = {
            ModelsListCommand.class,
            ModelsVerifyCommand.class,
            ImportVggishCommand.class,
            ImportYamnetCommand.class,
        })
final class ModelsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
