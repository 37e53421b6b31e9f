package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line built for one subcommand behaves as the full one: same usage, same root options. */
class LeanCommandLineTest {
    @Test
    void aNamedSubcommandIsTheOnlyOneBuiltAndItsUsageIsTheFullCommandLinesOwn() {
        CommandLine full = Hark.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        for (String name : full.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CommandLine lean = LeanCommandLine.of(new String[] {"--debug", name, "--help"});
            assertEquals(Set.of(name), lean.getSubcommands().keySet(), name);
            assertEquals(full.getSubcommands().get(name).getUsageMessage(),
                    lean.getSubcommands().get(name).getUsageMessage(), "usage of " + name);
        }
    }

    @Test
    void noSubcommandOrHelpBuildsTheFullCommandLine() {
        int all = Hark.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                .getSubcommands().size();
        for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("help", "classify"),
                List.of("no-such-command"), List.of("--version"))) {
            assertEquals(all, LeanCommandLine.of(args.toArray(String[]::new)).getSubcommands().size(), args.toString());
        }
    }

    @Test
    void theDebugOptionStillReachesTheSubcommand() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Hark.run(new String[] {"info", "--debug", "no-such-file.wav"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(ExitCodes.BAD_INPUT, code, err.toString());
    }

    @Test
    void onlyARunOfClassifyOrListenStartsOnnxRuntimeEarlyAndOnlyTheDefaultModelIsReadAhead() {
        assertTrue(LeanCommandLine.opensModel(new String[] {"classify", "a.wav"}));
        assertTrue(LeanCommandLine.opensModel(new String[] {"--debug", "listen"}));
        assertFalse(LeanCommandLine.opensModel(new String[] {"classify", "--help"}));
        assertFalse(LeanCommandLine.opensModel(new String[] {"info", "a.wav"}));
        assertFalse(LeanCommandLine.opensModel(new String[] {}));
        assertTrue(LeanCommandLine.defaultModel(new String[] {"classify", "a.wav"}));
        assertTrue(LeanCommandLine.defaultModel(new String[] {"classify", "--model", "yamnet", "a.wav"}));
        assertTrue(LeanCommandLine.defaultModel(new String[] {"classify", "--model=yamnet", "a.wav"}));
        assertFalse(LeanCommandLine.defaultModel(new String[] {"classify", "--model", "vggish", "a.wav"}));
        assertFalse(LeanCommandLine.defaultModel(new String[] {"classify", "--model=m.onnx", "a.wav"}));
        assertFalse(LeanCommandLine.defaultModel(new String[] {"classify", "a.wav", "--model"}));
    }
}
