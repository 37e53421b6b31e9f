package dev.hark.bench;

import dev.hark.config.Bounds;
import dev.hark.app.ExitCodes;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.core.frontend.LogMel;
import dev.hark.core.frontend.StreamingLogMel;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code hark-bench frontend}: log-mel speed on one thread, as a multiple of real time. Computes the front end on
 * 60 s of synthetic audio (noise with a tone) repeatedly: a warm-up, then a measured period; both the batch
 * function and the streaming form (fed in chunks, as the live listener does).
 */
@Command(
        name = "frontend",
        mixinStandardHelpOptions = true,
        description = "Log-mel front-end speed on one core, as a multiple of real time.")
final class FrontEndBenchCommand implements Callable<Integer> {
    private static final int AUDIO_SECONDS = 60;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--variant", defaultValue = "yamnet", description = "vggish or yamnet (default ${DEFAULT-VALUE}).")
    String variantName;

    @Option(names = "--warmup-seconds", defaultValue = "2", description = "Warm-up time (default ${DEFAULT-VALUE}).")
    double warmupSeconds;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured time per form (default ${DEFAULT-VALUE}).")
    double measureSeconds;

    @Option(names = "--chunk-samples", defaultValue = "1600",
            description = "Chunk size fed to the streaming form (default ${DEFAULT-VALUE}, 0.1 s).")
    int chunkSamples;

    @Override
    public Integer call() {
        FrontEndVariant variant = FrontEndVariant.fromCliName(variantName);
        Bounds.check("--warmup-seconds", warmupSeconds, 0, 600);
        Bounds.check("--seconds", measureSeconds, 0.01, 600);
        Bounds.check("--chunk-samples", chunkSamples, 1, FrontEndParams.SAMPLE_RATE_HZ * AUDIO_SECONDS);
        PrintWriter out = spec.commandLine().getOut();
        float[] audio = syntheticAudio(FrontEndParams.SAMPLE_RATE_HZ * AUDIO_SECONDS);
        int framesPerPass = FrontEndParams.frameCount(audio.length);
        out.printf(Locale.ROOT, "front end: %s log-mel, one thread, %d s of audio (%d frames) per pass; "
                + "%.0f s warm-up, %.0f s measured per form%n", variant.cliName(), AUDIO_SECONDS, framesPerPass,
                warmupSeconds, measureSeconds);
        out.printf(Locale.ROOT, "machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                Machine.loadAverage());
        out.flush();

        Runnable batch = () -> consume(LogMel.logMel(audio, variant));
        Runnable streaming = () -> {
            float[] sum = new float[1];
            StreamingLogMel s = new StreamingLogMel(variant, (i, f) -> sum[0] += f[0]);
            for (int pos = 0; pos < audio.length; pos += chunkSamples) {
                s.accept(audio, pos, Math.min(chunkSamples, audio.length - pos));
            }
            sink += sum[0];
        };
        run(batch, warmupSeconds);
        run(streaming, warmupSeconds / 2);
        report(out, "batch LogMel.logMel", run(batch, measureSeconds), framesPerPass);
        report(out, "streaming, " + chunkSamples + "-sample chunks", run(streaming, measureSeconds), framesPerPass);
        return ExitCodes.OK;
    }

    /** Result sink so the JIT cannot drop the work. */
    private static volatile double sink;

    private static void consume(float[][] frames) {
        sink += frames[frames.length - 1][7];
    }

    /** Runs the task repeatedly for about {@code seconds}; returns {passes, nanos}. */
    private static long[] run(Runnable task, double seconds) {
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime();
        long passes = 0;
        long elapsed;
        do {
            task.run();
            passes++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget);
        return new long[] {passes, elapsed};
    }

    private static void report(PrintWriter out, String what, long[] result, int framesPerPass) {
        double seconds = result[1] / 1e9;
        double audioSeconds = (double) result[0] * AUDIO_SECONDS;
        double frames = (double) result[0] * framesPerPass;
        out.printf(Locale.ROOT, "%-32s %8.0fx real time  %,12.0f frames/s  (%d passes in %.2f s)%n", what + ":",
                audioSeconds / seconds, frames / seconds, result[0], seconds);
        out.flush();
    }

    private static float[] syntheticAudio(int n) {
        SplittableRandom random = new SplittableRandom(1234);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            double tone = 0.3 * Math.sin(2 * Math.PI * 440.0 * i / FrontEndParams.SAMPLE_RATE_HZ);
            a[i] = (float) (tone + 0.05 * (random.nextDouble() * 2 - 1));
        }
        return a;
    }
}
