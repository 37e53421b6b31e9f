package dev.hark.bench;

import dev.hark.config.Bounds;
import dev.hark.app.ExitCodes;
import dev.hark.config.listen.EventSettings;
import dev.hark.config.listen.GateSettings;
import dev.hark.core.events.DetectionEvent;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.live.Detector;
import dev.hark.live.DetectorStats;
import dev.hark.live.capture.SampleSource;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code hark-bench listen}: what the live listener costs. CPU time of the processing per second of audio in a
 * quiet room (gate closed) and during continuous sound (every window through YAMNet), the resident set after
 * replaying an hour of audio as fast as possible, and the latency from a sound's start in a real-time stream to
 * its onset event. Uses the {@link Detector} exactly as {@code hark listen} does (batch size 1, one model thread).
 */
@Command(
        name = "listen",
        mixinStandardHelpOptions = true,
        description = "Live listener: CPU per second of audio (quiet / sound), memory after an hour, onset latency.")
final class ListenBenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quiet-seconds", defaultValue = "600", description = "Quiet audio processed (default ${DEFAULT-VALUE}).")
    double quietSeconds;

    @Option(names = "--sound-seconds", defaultValue = "120", description = "Continuous sound processed (default ${DEFAULT-VALUE}).")
    double soundSeconds;

    @Option(names = "--replay-hours", defaultValue = "1", description = "Audio replayed fast before reading the resident set (default ${DEFAULT-VALUE}; 0 skips).")
    double replayHours;

    @Option(names = "--latency-events", defaultValue = "5", description = "Sounds timed in real time (default ${DEFAULT-VALUE}; 0 skips).")
    int latencyEvents;

    @Override
    public Integer call() throws Exception {
        Bounds.check("--quiet-seconds", quietSeconds, 1, 86_400);
        Bounds.check("--sound-seconds", soundSeconds, 1, 86_400);
        Bounds.check("--replay-hours", replayHours, 0, 24);
        Bounds.check("--latency-events", latencyEvents, 0, 100);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "listen bench: YAMNet, hop 0.48 s, default gate (energy OR WebRTC VAD), batch 1, "
                + "1 model thread; %d cores, load average %s%s%n", Runtime.getRuntime().availableProcessors(),
                load(), loadNote());
        out.flush();
        try (Embedder yamnet = Embedders.open("yamnet", 1)) {
            // warm-up: JIT and the ONNX session
            cpu(yamnet, sound(20, 11), 1);

            float[] quiet = quietRoom(60, 1);
            Result q = cpu(yamnet, quiet, Math.max(1, (int) Math.round(quietSeconds / 60)));
            out.printf(Locale.ROOT, "quiet room (-70 dBFS noise, gate closed): processing %.3f %% of one core "
                    + "(thread CPU %.2f s for %.0f s of audio; whole process %.3f %%); windows run %d of %d%n",
                    q.threadPercent(), q.threadCpu(), q.audio(), q.processPercent(),
                    q.stats().windowsRun(), q.stats().windowsRun() + q.stats().windowsSkipped());
            out.flush();

            float[] sound = sound(60, 2);
            Result s = cpu(yamnet, sound, Math.max(1, (int) Math.round(soundSeconds / 60)));
            out.printf(Locale.ROOT, "continuous sound (gate open): processing %.2f %% of one core (thread CPU %.2f s "
                    + "for %.0f s of audio, %.1f ms per window; whole process %.2f %%); windows run %d of %d%n",
                    s.threadPercent(), s.threadCpu(), s.audio(),
                    1000 * s.threadCpu() / Math.max(1, s.stats().windowsRun()), s.processPercent(),
                    s.stats().windowsRun(), s.stats().windowsRun() + s.stats().windowsSkipped());
            out.flush();

            if (replayHours > 0) {
                // an hour of a typical room: sound a third of the time, quiet otherwise
                float[] mixed = concat(sound(20, 3), quietRoom(40, 4));
                int repeats = (int) Math.round(replayHours * 3600 / 60);
                long t0 = System.nanoTime();
                Result m = cpu(yamnet, mixed, repeats);
                double wall = (System.nanoTime() - t0) / 1e9;
                Runtime rt = Runtime.getRuntime();
                out.printf(Locale.ROOT, "memory after %.1f h of audio replayed in %.0f s: VmRSS %d MB, VmHWM %d MB "
                        + "(Java heap used %d MB of %d MB committed, max %d MB)%n",
                        m.audio() / 3600, wall, procStatusMb("VmRSS"), procStatusMb("VmHWM"),
                        (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20, rt.maxMemory() >> 20);
                out.flush();
            }

            if (latencyEvents > 0) {
                List<Double> lat = latency(yamnet, latencyEvents);
                List<Double> sorted = new ArrayList<>(lat);
                Collections.sort(sorted);
                out.printf(Locale.ROOT, "latency (real-time stream, %d sounds of 3 s after 5 s quiet): sound start "
                        + "to onset event median %.2f s, max %.2f s, all %s%n", lat.size(),
                        sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2),
                        sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1),
                        lat.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList());
                out.flush();
            }
        }
        return ExitCodes.OK;
    }

    record Result(double audio, double threadCpu, double processCpu, DetectorStats stats) {
        double threadPercent() {
            return 100 * threadCpu / audio;
        }

        double processPercent() {
            return 100 * processCpu / audio;
        }
    }

    /** Runs {@code samples} x {@code repeats} through a detector as fast as possible; CPU of the processing. */
    private static Result cpu(Embedder yamnet, float[] samples, int repeats) throws InterruptedException {
        long p0 = processCpuNanos();
        try (Detector d = Detector.builder().source(new SampleSource(samples, repeats, false)).embedder(yamnet)
                .batchSize(1).trimHeap(true).build()) { // as hark listen runs it
            d.start();
            d.await();
            DetectorStats s = d.stats();
            double processCpu = (processCpuNanos() - p0) / 1e9;
            return new Result(s.audioSeconds(), s.processingCpuSeconds() + s.captureCpuSeconds(), processCpu, s);
        }
    }

    /** Seconds from each sound's start in a real-time stream to its onset event. */
    private static List<Double> latency(Embedder yamnet, int events) throws InterruptedException {
        float[] cycle = concat(quietRoom(5, 7), beep(3));
        double soundAt = 5.0;
        List<Long> onsets = Collections.synchronizedList(new ArrayList<>());
        SampleSource src = new SampleSource(cycle, events, true);
        EventSettings ev = EventSettings.builder().rawLabels(true).labels("Beep, bleep").build();
        try (Detector d = Detector.builder().source(src).embedder(yamnet).gate(GateSettings.defaults()).events(ev)
                .build()) {
            d.onEvent(e -> {
                if (e.type() == DetectionEvent.Type.ONSET) {
                    onsets.add(System.nanoTime());
                }
            });
            d.start();
            d.await(events * 10L + 30, TimeUnit.SECONDS);
        }
        List<Double> out = new ArrayList<>();
        synchronized (onsets) {
            for (long t : onsets) {
                double streamSeconds = (t - src.startNanos()) / 1e9;
                double cycleSeconds = cycle.length / (double) FrontEndParams.SAMPLE_RATE_HZ;
                int cycleIndex = (int) Math.floor((streamSeconds - soundAt) / cycleSeconds);
                double soundStart = cycleIndex * cycleSeconds + soundAt;
                out.add(streamSeconds - soundStart);
            }
        }
        return out;
    }

    static float[] quietRoom(double seconds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[(int) (seconds * FrontEndParams.SAMPLE_RATE_HZ)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) ((r.nextDouble() * 2 - 1) * 5e-4); // about -70 dBFS
        }
        return x;
    }

    /** Continuous sound: noise with a wandering tone and bursts, loud enough to keep the gate open. */
    static float[] sound(double seconds, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[(int) (seconds * FrontEndParams.SAMPLE_RATE_HZ)];
        double phase = 0;
        for (int i = 0; i < x.length; i++) {
            double t = i / (double) FrontEndParams.SAMPLE_RATE_HZ;
            double hz = 500 + 300 * Math.sin(2 * Math.PI * 0.2 * t);
            phase += 2 * Math.PI * hz / FrontEndParams.SAMPLE_RATE_HZ;
            double burst = (t % 1.3) < 0.4 ? 0.2 : 0.05;
            x[i] = (float) (0.1 * Math.sin(phase) + burst * (r.nextDouble() * 2 - 1));
        }
        return x;
    }

    static float[] beep(double seconds) {
        float[] x = new float[(int) (seconds * FrontEndParams.SAMPLE_RATE_HZ)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.14 * Math.sin(2 * Math.PI * 1000 * i / FrontEndParams.SAMPLE_RATE_HZ));
        }
        return x;
    }

    static float[] concat(float[] a, float[] b) {
        float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    /** A line of /proc/self/status in MB (-1 where there is none). */
    static long procStatusMb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private static String load() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
    }

    private static String loadNote() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l > Runtime.getRuntime().availableProcessors() * 0.5 ? " (machine under load: figures are pessimistic)"
                : "";
    }
}
