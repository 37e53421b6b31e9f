package dev.hark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.app.ExitCodes;
import dev.hark.app.Hark;
import dev.hark.bench.events.ClipPool;
import dev.hark.bench.events.RoomTone;
import dev.hark.bench.events.SoundClip;
import dev.hark.bench.latency.ListenProcess;
import dev.hark.bench.latency.OnsetLatencies;
import dev.hark.bench.latency.SoundOnset;
import dev.hark.bench.latency.ThreadCpu;
import dev.hark.bench.latency.VirtualMicrophone;
import dev.hark.config.Bounds;
import dev.hark.core.audio.ActiveRange;
import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.PinkNoise;
import dev.hark.core.audio.WavWriter;
import dev.hark.core.dataset.Dataset;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hark-bench latency}: how late {@code hark listen} reports a sound heard through a microphone. A private
 * PulseAudio daemon with a null sink is the microphone ({@link VirtualMicrophone}); the real {@code hark listen} runs on
 * it as a child process (Java Sound capture of ALSA's default device, routed to PulseAudio); {@code paplay} plays data-set
 * clips (cut to their sound) and espeak-ng phrases into the sink at known times, over a quiet room tone; each onset line
 * is stamped when it is read. Per sound: the onset latency (line read minus paplay started); median and 95th
 * percentile; and listen's CPU time from /proc/PID/stat in a quiet stretch and while the sounds play.
 */
@Command(
        name = "latency",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Microphone latency: hark listen on a PulseAudio virtual microphone, sounds played into it; "
                + "onset latency per sound, median, 95th percentile; listen's CPU.",
            "Needs pulseaudio, pactl and paplay (and espeak-ng for speech)."})
final class LatencyBenchCommand implements Callable<Integer> {
    /** Phrases spoken by espeak-ng, in turn. */
    static final List<String> PHRASES = List.of("Hello, can you hear me?", "Turn towards the sound, please.",
            "This is a test of the listening machine.", "Where is the dog?", "Good morning, everybody.",
            "Please open the door.", "One, two, three, four.", "The lecture starts now.");

    /** Threads named one by one in the CPU breakdown; the rest are summed. */
    static final int TOP_THREADS = 6;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "DIR", defaultValue = "../shared/datasets/esc50-dev",
            description = "Data set of the clips (default ${DEFAULT-VALUE}).")
    Path dataset;

    @Option(names = "--category", paramLabel = "NAME", defaultValue = "dog",
            description = "Data-set category of the clips (default ${DEFAULT-VALUE}).")
    String category;

    @Option(names = "--concept", paramLabel = "NAME",
            description = "The concept listen reports for them (default: the category's name).")
    String concept;

    @Option(names = "--sounds", paramLabel = "N", defaultValue = "20",
            description = "Sounds played: clips and phrases in turn (default ${DEFAULT-VALUE}).")
    int sounds;

    @Option(names = "--speech", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Every other sound an espeak-ng phrase (default on; --no-speech: clips only).")
    boolean speech;

    @Option(names = "--gap-seconds", paramLabel = "SECONDS", defaultValue = "4",
            description = "Quiet after each sound (default ${DEFAULT-VALUE}).")
    double gapSeconds;

    @Option(names = "--quiet-seconds", paramLabel = "SECONDS", defaultValue = "30",
            description = "Quiet stretch whose CPU is measured, before the sounds (default ${DEFAULT-VALUE}).")
    double quietSeconds;

    @Option(names = "--settle-seconds", paramLabel = "SECONDS", defaultValue = "30",
            description = "Wait after listen started, before the quiet stretch (default ${DEFAULT-VALUE}: the JVM "
                    + "compiles the listener's code in its first half minute).")
    double settleSeconds;

    @Option(names = "--room-dbfs", paramLabel = "DBFS", defaultValue = "-60",
            description = "Level of the room tone (pink noise) under everything, dBFS RMS (default ${DEFAULT-VALUE}).")
    double roomDbfs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Order of the clips (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--hark", paramLabel = "COMMAND",
            description = "The hark command to run (default: the hark launcher beside the hark.jar this tool runs on).")
    Path hark;


    @Override
    public Integer call() throws Exception {
        Bounds.check("--sounds", sounds, 1, 1000);
        Bounds.check("--gap-seconds", gapSeconds, 2, 60);
        Bounds.check("--quiet-seconds", quietSeconds, 1, 3600);
        Bounds.check("--settle-seconds", settleSeconds, 0, 600);
        Bounds.check("--room-dbfs", roomDbfs, -100, -20);
        PrintWriter out = spec.commandLine().getOut();
        String missing = VirtualMicrophone.firstMissing(List.of("pulseaudio", "pactl", "paplay"), System.getenv("PATH"));
        if (missing != null) {
            throw new BadInputException("the latency benchmark needs " + missing + " (Debian package "
                    + VirtualMicrophone.TOOLS.get(missing) + "), which is not on the PATH");
        }
        if (speech && VirtualMicrophone.firstMissing(List.of("espeak-ng"), System.getenv("PATH")) != null) {
            throw new BadInputException("the latency benchmark needs espeak-ng (Debian package espeak-ng) for its "
                    + "speech, which is not on the PATH (--no-speech plays clips only)");
        }
        String label = concept == null ? category : concept;
        List<String> command = harkCommand();
        Path dir = Files.createTempDirectory("hark-latency");
        try {
            List<Sound> plan = prepare(dir, label);
            double total = settleSeconds + quietSeconds
                    + plan.stream().mapToDouble(s -> s.seconds() + gapSeconds).sum() + 30;
            Path room = dir.resolve("room.wav");
            WavWriter.writePcm16(room, PinkNoise.of((int) Math.round(total * FrontEndParams.SAMPLE_RATE_HZ), roomDbfs,
                    seed), FrontEndParams.SAMPLE_RATE_HZ);
            long clips = plan.stream().filter(s -> !s.label().equals("speech")).count();
            out.printf(Locale.ROOT, "latency bench: hark listen on a real-time virtual microphone (a PulseAudio null sink "
                    + "at 16 kHz mono, its monitor ALSA's default device); %d sounds played with paplay (%d %s clips of "
                    + "%s and %d espeak-ng phrases, each from its first 10 ms within 20 dB of its loudest), %.1f s quiet after each, room tone %.0f dBFS; "
                    + "machine: %d cores, load average %s%n", plan.size(), clips, category, dataset, plan.size() - clips,
                    gapSeconds, roomDbfs, Runtime.getRuntime().availableProcessors(), Machine.loadAverage());
            out.flush();
            try (VirtualMicrophone mic = VirtualMicrophone.start(dir.resolve("pulse"))) {
                Process roomTone = mic.play(room, VirtualMicrophone.BACKGROUND_LATENCY_MILLIS);
                try {
                    run(mic, command, plan, label, out);
                } finally {
                    roomTone.destroy();
                    roomTone.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } finally {
            deleteTree(dir);
        }
        return ExitCodes.OK;
    }

    /** A sound to play: its file, length, the concept expected, and what to call it. */
    record Sound(Path file, double seconds, String label, String name) {
    }

    private List<Sound> prepare(Path dir, String label) throws IOException, InterruptedException {
        List<Sound> plan = new ArrayList<>();
        ClipPool pool = new ClipPool(Dataset.open(dataset), null, List.of(category), seed);
        for (int i = 0; i < sounds; i++) {
            boolean spoken = speech && i % 2 == 1;
            float[] x;
            String name;
            if (spoken) {
                String phrase = PHRASES.get((i / 2) % PHRASES.size());
                Path raw = dir.resolve("speech" + i + "-22k.wav");
                Process p = new ProcessBuilder("espeak-ng", "-w", raw.toString(), phrase).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new BadInputException("espeak-ng could not speak '" + phrase + "'");
                }
                float[] y = AudioFiles.readMono16k(raw);
                ActiveRange r = ActiveRange.of(y); // espeak-ng ends its file with silence
                x = Arrays.copyOfRange(y, r.start(), r.end());
                name = "\"" + phrase + "\"";
            } else {
                SoundClip c = pool.next(category, label);
                x = c.samples();
                name = c.file().getFileName().toString();
            }
            x = Arrays.copyOfRange(x, SoundOnset.of(x), x.length); // from where the bark or the word begins
            Path wav = dir.resolve("sound" + i + ".wav");
            WavWriter.writePcm16(wav, x, FrontEndParams.SAMPLE_RATE_HZ);
            plan.add(new Sound(wav, x.length / (double) FrontEndParams.SAMPLE_RATE_HZ, spoken ? "speech" : label, name));
        }
        return plan;
    }

    private void run(VirtualMicrophone mic, List<String> command, List<Sound> plan, String label, PrintWriter out)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("listen", "--format", "jsonl", "--labels", speech ? label + ",speech" : label));
        double tick = 1.0 / clockTicksPerSecond();
        try (ListenProcess listen = ListenProcess.start(cmd, mic.clientEnvironment())) {
            String listening = listen.awaitStderr("listening:", 120_000);
            if (listening == null) {
                List<String> err = listen.stderr();
                throw new BadInputException("hark listen did not start listening: "
                        + (err.isEmpty() ? "no output" : err.get(err.size() - 1)));
            }
            out.printf(Locale.ROOT, "listen: %s (pid %d)%n  %s%n", String.join(" ", cmd), listen.pid(),
                    listening.replaceFirst("^hark listen: ", ""));
            out.flush();
            TimeUnit.MILLISECONDS.sleep(Math.round(settleSeconds * 1000));

            long quietTicks0 = listen.cpuTicks();
            ThreadCpu threads0 = ThreadCpu.of(listen.pid(), tick);
            long quietNanos0 = System.nanoTime();
            TimeUnit.MILLISECONDS.sleep(Math.round(quietSeconds * 1000));
            long quietTicks = listen.cpuTicks() - quietTicks0;
            ThreadCpu threads1 = ThreadCpu.of(listen.pid(), tick);
            long soundNanos0 = System.nanoTime();
            double quietWall = (soundNanos0 - quietNanos0) / 1e9;

            List<OnsetLatencies.Played> played = new ArrayList<>();
            long next = System.nanoTime();
            double playing = 0;
            for (Sound s : plan) {
                sleepUntil(next);
                long t = System.nanoTime();
                Process p = mic.play(s.file());
                played.add(new OnsetLatencies.Played(s.label(), s.name(), t, s.seconds()));
                playing += s.seconds();
                next = t + Math.round((s.seconds() + gapSeconds) * 1e9);
                if (!p.waitFor(Math.round((s.seconds() + 30) * 1000), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
                if (!listen.isAlive()) {
                    List<String> err = listen.stderr();
                    throw new BadInputException("hark listen stopped: " + (err.isEmpty() ? "no output"
                            : err.get(err.size() - 1)));
                }
            }
            sleepUntil(next);
            long soundTicks = listen.cpuTicks() - quietTicks0 - quietTicks;
            ThreadCpu threads2 = ThreadCpu.of(listen.pid(), tick);
            double soundWall = (System.nanoTime() - soundNanos0) / 1e9;
            listen.stop(30_000);

            OnsetLatencies m = OnsetLatencies.match(played, onsets(listen.stdout()));
            report(m, speech ? List.of(label, "speech") : List.of(label), out);
            out.printf(Locale.ROOT, "CPU of hark listen (whole process, /proc/PID/stat user+system, ticks of %.0f ms): "
                    + "quiet room %.1f s: %.3f %% of one core (%d ticks); with sound %.1f s (sounds playing %.0f %% of "
                    + "it): %.2f %% of one core (%d ticks)%n", tick * 1000, quietWall,
                    100 * quietTicks * tick / quietWall, quietTicks, soundWall, 100 * playing / soundWall,
                    100 * soundTicks * tick / soundWall, soundTicks);
            out.printf(Locale.ROOT, "  by thread (/proc/PID/task/*/schedstat: %% of one core, wake-ups per second): quiet "
                    + "room %s%n", ThreadCpu.describe(threads1.since(threads0), quietWall, TOP_THREADS));
            out.printf(Locale.ROOT, "  with sound %s%n", ThreadCpu.describe(threads2.since(threads1), soundWall,
                    TOP_THREADS));
            List<String> err = listen.stderr();
            err.stream().filter(l -> l.contains("summary:")).findFirst()
                    .ifPresent(l -> out.println("listen: " + l.replaceFirst("^hark listen: ", "")));
            out.flush();
        }
    }

    private static void report(OnsetLatencies m, List<String> labels, PrintWriter out) {
        int i = 1;
        for (OnsetLatencies.Answer a : m.answers()) {
            out.printf(Locale.ROOT, "  %2d  %-7s %-42s %5.2f s  %s%n", i++, a.sound().label(), a.sound().name(),
                    a.sound().seconds(), a.found() ? String.format(Locale.ROOT, "onset after %.2f s",
                            a.latencySeconds()) : "missed (no onset line)");
        }
        StringBuilder b = new StringBuilder("onset latency (onset line read minus paplay started): ");
        b.append(summary(m, null));
        for (String l : labels) {
            b.append("; ").append(l).append(' ').append(summary(m, l));
        }
        b.append(String.format(Locale.ROOT, "; other onset lines: %d", m.otherOnsets()));
        out.println(b);
    }

    private static String summary(OnsetLatencies m, String label) {
        List<Double> lat = m.latencies(label);
        if (lat.isEmpty()) {
            return String.format(Locale.ROOT, "none found of %d", m.sounds(label));
        }
        return String.format(Locale.ROOT, "median %.2f s, 95th percentile %.2f s, max %.2f s (%d of %d found)",
                OnsetLatencies.percentile(lat, 50), OnsetLatencies.percentile(lat, 95),
                OnsetLatencies.percentile(lat, 100), lat.size(), m.sounds(label));
    }

    /** The onset lines of listen's jsonl output. */
    static List<OnsetLatencies.Onset> onsets(List<ListenProcess.Line> lines) {
        ObjectMapper json = new ObjectMapper();
        List<OnsetLatencies.Onset> out = new ArrayList<>();
        for (ListenProcess.Line l : lines) {
            try {
                JsonNode n = json.readTree(l.text());
                if (n != null && "onset".equals(n.path("type").asText())) {
                    out.add(new OnsetLatencies.Onset(n.path("label").asText(), l.nanos()));
                }
            } catch (IOException e) {
                // not a JSON line: listen prints only JSON on stdout, so this is not an onset either
            }
        }
        return out;
    }

    /** The hark command: --hark, else the launcher beside the hark.jar this tool runs on. */
    private List<String> harkCommand() {
        if (hark != null) {
            if (!Files.isExecutable(hark) || Files.isDirectory(hark)) {
                throw new BadInputException("no hark command at " + hark);
            }
            return List.of(hark.toString());
        }
        try {
            Path p = Path.of(Hark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path launcher = p.resolveSibling("hark");
            if (p.getFileName().toString().equals("hark.jar") && Files.isExecutable(launcher)) {
                return List.of(launcher.toString());
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // said below
        }
        throw new BadInputException("the latency benchmark runs the hark launcher, and this tool does not run on a "
                + "hark.jar with one beside it: give --hark PATH (mvn package makes app/target/hark)");
    }

    private static long clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Long.parseLong(s);
            }
        } catch (IOException | NumberFormatException e) {
            // the usual value below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is no reason to fail a finished measurement
        }
    }
}
