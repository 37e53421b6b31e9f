package dev.hark.models.pipeline;

import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.Mono16kStream;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.errors.BadInputException;
import dev.hark.models.embed.Embedder;
import dev.hark.models.head.WindowClassifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Classifies whole clips: every window's scores (through the same {@link WindowAnalyzer} as the live listener,
 * batched {@value WindowAnalyzer#DEFAULT_BATCH_SIZE} windows per model run) and a {@link ClipSummary}, the
 * mean of the windows' scores. Files are decoded and resampled to 16 kHz as they stream, so long recordings
 * need little memory.
 *
 * <pre>{@code
 * try (Embedder yamnet = Embedders.open("yamnet", 1)) {
 *     ClipClassifier c = ClipClassifier.of(yamnet, AudioSetHead.of(yamnet), 0);
 *     ClipSummary s = c.classify(Path.of("dog.wav"), w -> { });
 *     System.out.println(s.top(3));
 * }
 * }</pre>
 *
 * <p>Not thread-safe (the embedder is used by the calling thread); it does not own or close the embedder.
 */
public final class ClipClassifier {
    private final Embedder embedder;
    private final WindowClassifier head;
    private final int hopFrames;

    private ClipClassifier(Embedder embedder, WindowClassifier head, int hopFrames) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.head = Objects.requireNonNull(head, "head");
        if (hopFrames < 0) {
            throw new IllegalArgumentException("hopFrames must be >= 0, got " + hopFrames);
        }
        this.hopFrames = hopFrames > 0 ? hopFrames : embedder.frontEnd().defaultPatchHopFrames();
    }

    /**
     * @param embedder the model
     * @param head turns the embedder's output into label scores
     * @param hopFrames frames (10 ms) between window starts; 0 for the model's own (YAMNet 48, VGGish 96)
     */
    public static ClipClassifier of(Embedder embedder, WindowClassifier head, int hopFrames) {
        return new ClipClassifier(embedder, head, hopFrames);
    }

    public int hopFrames() {
        return hopFrames;
    }

    public double hopSeconds() {
        return hopFrames * FrontEndParams.FRAME_HOP_SECONDS;
    }

    /** The head's label names, the columns of every score row. */
    public List<String> labels() {
        return head.labels();
    }

    /** Classifies a file (any format Hark reads); {@code onWindow} gets each window in order. */
    public ClipSummary classify(Path file, Consumer<WindowResult> onWindow) {
        try (Mono16kStream in = AudioFiles.open16k(file)) {
            return classify(in, file.toString(), onWindow);
        }
    }

    /**
     * Classifies an open 16 kHz stream to its end ({@code name} is used in errors); {@code onWindow} gets each
     * window in order.
     *
     * @throws BadInputException when the stream holds no audio at all
     */
    public ClipSummary classify(Mono16kStream in, String name, Consumer<WindowResult> onWindow) {
        Summing sum = new Summing(labels().size(), onWindow);
        WindowAnalyzer analyzer = analyzer(sum);
        float[] buf = new float[FrontEndParams.SAMPLE_RATE_HZ];
        long samples = 0;
        for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
            analyzer.accept(buf, 0, n);
            samples += n;
        }
        if (samples == 0) {
            throw new BadInputException(name + ": no audio in the file");
        }
        analyzer.finish();
        return sum.summary(samples);
    }

    /** Classifies 16 kHz mono samples; {@code onWindow} gets each window in order. */
    public ClipSummary classify(float[] samples16k, Consumer<WindowResult> onWindow) {
        if (samples16k.length == 0) {
            throw new BadInputException("no audio: 0 samples");
        }
        Summing sum = new Summing(labels().size(), onWindow);
        WindowAnalyzer analyzer = analyzer(sum);
        analyzer.accept(samples16k);
        analyzer.finish();
        return sum.summary(samples16k.length);
    }

    private WindowAnalyzer analyzer(Summing sum) {
        return WindowAnalyzer.builder(embedder).classifier(head).hopFrames(hopFrames).listener(sum).build();
    }

    /** Sums the windows' scores (in double) while passing each window on. */
    private final class Summing implements Consumer<WindowResult> {
        private final double[] sum;
        private final Consumer<WindowResult> next;
        private int windows;
        private boolean padded;

        Summing(int labels, Consumer<WindowResult> next) {
            this.sum = new double[labels];
            this.next = Objects.requireNonNull(next, "onWindow");
        }

        @Override
        public void accept(WindowResult r) {
            windows++;
            padded |= r.padded();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += r.scores()[i];
            }
            next.accept(r);
        }

        ClipSummary summary(long samples) {
            float[] mean = new float[sum.length];
            for (int i = 0; i < sum.length; i++) {
                mean[i] = (float) (sum[i] / windows);
            }
            return new ClipSummary(labels(), samples / (double) FrontEndParams.SAMPLE_RATE_HZ, windows, padded, mean);
        }
    }
}
