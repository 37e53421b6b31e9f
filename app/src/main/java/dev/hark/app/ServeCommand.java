package dev.hark.app;

import dev.hark.config.Bounds;
import dev.hark.errors.BadInputException;
import dev.hark.serve.HarkService;
import dev.hark.serve.config.ServeConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code hark serve}: the live listener as a service (event store, clips, HTTP API with a live stream). Options
 * override the {@code --config} file. SIGINT, SIGTERM and SIGHUP stop cleanly: open events are closed and stored,
 * queued clips written, then the command returns 0.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Run the listener as a service: every event stored in SQLite with its clip, and an",
            "HTTP API on 127.0.0.1:8077 with a live stream (SSE). Events also go to stdout as with 'listen'.",
            "Exit codes: 0 stopped, 2 bad config / device / file / port, 3 model problem."})
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (.yaml, .yml or .properties): the listener's sections and store, clips, http, dataset.")
    Path config;

    @CommandLine.Mixin
    ListenerOptions listener = new ListenerOptions();

    @Option(names = "--store", paramLabel = "FILE", description = "The event database (store.path; default ~/.hark/events.db).")
    Path storePath;

    @Option(names = "--clips", paramLabel = "DIR", description = "Where clips are kept (clips.dir; default ~/.hark/clips).")
    Path clipsDir;

    @Option(names = "--teach-dir", paramLabel = "DIR", description = "The data set the dashboard teaches into and "
            + "feedback files clips into (dataset.dir; default ~/.hark/dataset).")
    Path teachDir;

    @Option(names = "--no-speech-clips", description = "Keep no clip of an event during which speech was heard.")
    boolean noSpeechClips;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (http.port; default 8077, 0: any free port).")
    Integer port;

    @Option(names = "--keep-serving", description = "When --input ends, keep the API up until stopped.")
    boolean keepServing;

    Map<String, String> serviceOverrides() {
        Map<String, String> m = new LinkedHashMap<>();
        ListenerOptions.put(m, "store.path", storePath);
        ListenerOptions.put(m, "clips.dir", clipsDir);
        ListenerOptions.put(m, "dataset.dir", teachDir);
        ListenerOptions.put(m, "http.port", port == null ? null : Bounds.check("--port", port, 0, 65_535));
        if (noSpeechClips) {
            m.put("clips.no-speech", "true");
        }
        return m;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServeConfig cfg = ServeConfig.load(config, listener.overrides(), serviceOverrides());
        if (cfg.listen().input() != null && cfg.listen().device() != null) {
            throw new BadInputException("use either --device or --input, not both");
        }
        try (HarkService service = HarkService.builder(cfg).trimHeap(true).log(m -> {
            err.println("hark serve: " + m);
            err.flush();
        }).build()) {
            service.addListener(new ListenOutput(out, err, cfg.listen().output().format(),
                    cfg.listen().output().windows(), 5, cfg.listen().events().labels(), "hark serve: "));
            // the traps go in before the start: a stop asked for while the models load ends the run right after
            CountDownLatch stopped = new CountDownLatch(1);
            List<SignalTrap> traps = SignalTrap.onStop(() -> new Thread(() -> {
                stopped.countDown();
                service.stop();
            }, "hark-serve-stop").start(), "INT", "TERM", "HUP");
            try {
                service.start();
            } catch (RuntimeException e) {
                traps.forEach(SignalTrap::restore);
                throw e;
            }
            if (stopped.getCount() == 0) {
                service.stop();
            }
            err.println("hark serve: events in " + cfg.store().path() + (cfg.clips().enabled() ? ", clips in "
                    + cfg.clips().dir() : ", no clips") + (service.api() == null ? "; no API" : "; API on http://"
                    + hostForUrl(cfg.http().host()) + ":" + service.port() + "/api/events, dashboard on http://"
                    + hostForUrl(cfg.http().host()) + ":" + service.port() + "/"));
            err.flush();
            try {
                service.await();
                if (keepServing && stopped.getCount() > 0) {
                    err.println("hark serve: input ended; the API stays up until stopped (Ctrl-C)");
                    err.flush();
                    stopped.await();
                }
            } finally {
                traps.forEach(SignalTrap::restore);
            }
            err.println("hark serve: " + ListenOutput.summary(service.detector().stats()) + "; stored "
                    + service.eventsSinceStart() + " event(s)");
            err.flush();
        }
        return ExitCodes.OK;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
