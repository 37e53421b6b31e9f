package dev.hark.app;

import dev.hark.config.Bounds;
import dev.hark.config.listen.ListenSettings;
import dev.hark.config.listen.ListenSettingsFile;
import dev.hark.live.Detector;
import dev.hark.live.capture.Sources;
import dev.hark.live.record.ClipNames;
import dev.hark.live.record.EventRecorder;
import dev.hark.models.pipeline.TopK;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code hark listen}: the live listener. Options override the {@code --config} file; everything is validated
 * by {@link ListenSettings}. Ctrl-C (SIGINT), SIGTERM and SIGHUP stop cleanly: the detector closes open events and
 * the summary is printed, then the command returns normally (exit code 0).
 */
@Command(
        name = "listen",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Listen to a microphone (or a file) and report sound events with timestamps.",
            "Events go to stdout (one line each, flushed); status and the summary go to stderr.",
            "Exit codes: 0 done, 2 no microphone / bad device / bad file or option, 3 model problem."})
final class ListenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ListenerOptions listener = new ListenerOptions();

    @Option(names = "--top", paramLabel = "K", defaultValue = "5", description = "Labels per window line (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--record", paramLabel = "DIR", description = "Save each event as a WAV clip (1 s before onset) in DIR.")
    Path record;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file (.properties, .yaml or .yml); options override it.")
    Path config;

    /** The options given, as settings keys (absent options leave the config file's value or the default). */
    Map<String, String> overrides() {
        Map<String, String> m = listener.overrides();
        ListenerOptions.put(m, ListenSettings.RECORD_DIR, record);
        return m;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Bounds.check("--top", top, 1, TopK.MAX_K);
        ListenSettings s = ListenSettingsFile.load(config, overrides());
        if (s.input() != null && s.device() != null) { // said with the option names (Sources would name the keys)
            throw new dev.hark.errors.BadInputException("use either --device or --input, not both");
        }
        AtomicBoolean summarized = new AtomicBoolean();
        // as before the split: hark listen keeps its heap trimmed (the library leaves the heap to the JVM)
        try (Detector detector = Detector.builder().source(Sources.from(s)).settings(s).trimHeap(true).build()) {
            detector.addListener(new ListenOutput(out, err, s.output().format(), s.output().windows(), top,
                    s.events().labels()));
            if (s.output().recordDir() != null) {
                detector.addListener(new EventRecorder(s.output().recordDir(), s.output().preRollSeconds(),
                        w -> {
                            err.println("hark listen: " + w);
                            err.flush();
                        }, s.input() != null ? ClipNames.STREAM_TIME : ClipNames.WALL_CLOCK));
            }
            detector.start();
            // SIGINT / SIGTERM / SIGHUP stop the detector BEFORE the JVM shuts down: a shutdown hook would race
            // ONNX Runtime's own hook, which releases the native environment under a running inference
            List<SignalTrap> traps = SignalTrap.onStop(() -> new Thread(detector::stop, "hark-listen-stop").start(),
                    "INT", "TERM", "HUP");
            try {
                detector.await();
            } finally {
                traps.forEach(SignalTrap::restore);
            }
            summarize(detector, err, summarized);
        }
        return ExitCodes.OK;
    }

    private static void summarize(Detector d, PrintWriter err, AtomicBoolean done) {
        if (done.compareAndSet(false, true)) {
            err.println("hark listen: " + ListenOutput.summary(d.stats()));
            err.flush();
        }
    }
}
