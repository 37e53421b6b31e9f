package dev.hark.bench;

import dev.hark.config.Bounds;
import dev.hark.app.ExitCodes;
import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.AudioReader;
import dev.hark.core.audio.Resampler;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code hark-bench audio [DIR]}: resampler speed on one thread (44.1 and 48 kHz to 16 kHz, synthetic audio fed in
 * 16,384-sample blocks), and, given a directory, the time to read every audio file's header ({@code hark info})
 * and to decode every file to 16 kHz mono ({@code AudioFiles.readMono16k}), in wall and CPU time.
 */
@Command(
        name = "audio",
        mixinStandardHelpOptions = true,
        description = "Resampler speed, and header-reading and decoding speed over a directory of audio files.")
final class AudioBenchCommand implements Callable<Integer> {
    private static final int BLOCK = 16_384;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "A directory of audio files to read and decode (e.g. ../shared/datasets/esc50-dev/audio).")
    Path dir;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured time per resampler pair "
            + "(default ${DEFAULT-VALUE}).")
    double measureSeconds;

    private static volatile double sink;

    @Override
    public Integer call() throws IOException {
        Bounds.check("--seconds", measureSeconds, 0.01, 600);
        List<Path> files = List.of();
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                throw new BadInputException(dir + ": not a directory");
            }
            try (Stream<Path> s = Files.list(dir)) {
                files = s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
            }
            if (files.isEmpty()) {
                throw new BadInputException(dir + ": no files in it");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "machine: %d cores, load average %s; one thread%n",
                Runtime.getRuntime().availableProcessors(), Machine.loadAverage());
        for (int rate : new int[] {44_100, 48_000}) {
            resampler(out, rate);
        }
        if (!files.isEmpty()) {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            double audioSeconds = 0;
            for (Path f : files) {
                try (AudioReader r = AudioReader.open(f)) {
                    audioSeconds += r.info().durationSeconds();
                }
            }
            report(out, "headers (hark info)", files.size(), audioSeconds, System.nanoTime() - t0,
                    mx.getCurrentThreadCpuTime() - cpu0);
            cpu0 = mx.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            float[] block = new float[BLOCK];
            for (Path f : files) {
                try (AudioReader r = AudioReader.open(f)) {
                    int n;
                    while ((n = r.read(block, 0, BLOCK)) >= 0) {
                        sink += n > 0 ? block[0] : 0;
                    }
                }
            }
            report(out, "decode, native rate", files.size(), audioSeconds, System.nanoTime() - t0,
                    mx.getCurrentThreadCpuTime() - cpu0);
            cpu0 = mx.getCurrentThreadCpuTime();
            t0 = System.nanoTime();
            long samples = 0;
            for (Path f : files) {
                float[] x = AudioFiles.readMono16k(f);
                samples += x.length;
                sink += x.length > 0 ? x[x.length / 2] : 0;
            }
            report(out, "decode to 16 kHz mono", files.size(), samples / (double) FrontEndParams.SAMPLE_RATE_HZ,
                    System.nanoTime() - t0, mx.getCurrentThreadCpuTime() - cpu0);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private void resampler(PrintWriter out, int rateHz) {
        float[] in = new float[rateHz * 10];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440.0 * i / rateHz) + 0.05 * (rnd.nextDouble() * 2 - 1));
        }
        Runnable pass = () -> {
            Resampler r = new Resampler(rateHz, FrontEndParams.SAMPLE_RATE_HZ);
            double s = 0;
            for (int pos = 0; pos < in.length; pos += BLOCK) {
                float[] y = r.process(in, pos, Math.min(BLOCK, in.length - pos));
                s += y.length > 0 ? y[0] : 0;
            }
            sink += s + r.flush().length;
        };
        long warm = System.nanoTime();
        while (System.nanoTime() - warm < 1_000_000_000L) {
            pass.run();
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long passes = 0;
        do {
            pass.run();
            passes++;
        } while (System.nanoTime() - start < measureSeconds * 1e9);
        double seconds = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        double inputSamples = (double) passes * in.length;
        out.printf(Locale.ROOT, "resampler %4.1f kHz -> 16 kHz: %,12.0f input samples/s of CPU, %5.0fx real time "
                + "(2.2 h of it in %.1f s CPU)%n", rateHz / 1000.0, inputSamples / seconds,
                inputSamples / rateHz / seconds, 2.2 * 3600 * rateHz / (inputSamples / seconds));
        out.flush();
    }

    private static void report(PrintWriter out, String what, int files, double audioSeconds, long wallNanos,
            long cpuNanos) {
        out.printf(Locale.ROOT, "%-24s %d files, %.1f s of audio: %.2f s wall, %.2f s CPU, %.0fx real time (CPU)%n",
                what + ":", files, audioSeconds, wallNanos / 1e9, cpuNanos / 1e9, audioSeconds / (cpuNanos / 1e9));
        out.flush();
    }
}
