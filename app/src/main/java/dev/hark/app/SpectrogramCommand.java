package dev.hark.app;

import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.Mono16kStream;
import dev.hark.core.events.DetectionEvent;
import dev.hark.core.frontend.FrameSink;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.core.frontend.StreamingLogMel;
import dev.hark.core.io.IoFailures;
import dev.hark.core.io.Npy;
import dev.hark.core.io.NpyStreamWriter;
import dev.hark.core.spectrogram.ColumnPooler;
import dev.hark.core.spectrogram.EventSpan;
import dev.hark.core.spectrogram.PngFile;
import dev.hark.core.spectrogram.PooledSpectrogram;
import dev.hark.core.spectrogram.SpectrogramLayout;
import dev.hark.core.spectrogram.SpectrogramPainter;
import dev.hark.errors.BadInputException;
import dev.hark.live.DetectionListener;
import dev.hark.live.DetectionPipeline;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code hark spectrogram FILE --out F.png|F.npy}: the log-mel spectrogram of an audio file (the exact front end of
 * {@code hark features}) as a PNG, or its values as a float32 .npy. The PNG's columns are max-pooled so that at
 * most {@value SpectrogramLayout#PLOT_WIDTH} are kept, however long the file. With {@code --concepts} the audio
 * also goes through the listener's {@link DetectionPipeline} (the work {@code listen --input} does) and the events
 * are drawn as a timeline under the image, one row per label.
 */
@Command(
        name = "spectrogram",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Draw an audio file's log-mel spectrogram (the exact VGGish/YAMNet front end) as a PNG, "
                + "or write its values (.npy, [frames, 64] float32).",
            "Long files: each image column is the maximum over 2^k frames, so that at most "
                + SpectrogramLayout.PLOT_WIDTH + " columns are kept."})
final class SpectrogramCommand implements Callable<Integer> {
    private static final int BLOCK_SAMPLES = 16_384;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Audio file (any format 'hark info' reads; any rate).")
    Path file;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "F.png|F.npy",
            description = "Output: a .png image, or a .npy of the log-mel values (written whole, then renamed).")
    Path out;

    @Option(names = "--variant", defaultValue = "yamnet", paramLabel = "yamnet|vggish",
            description = "Log offset of which model: yamnet (0.001, default) or vggish (0.01).")
    String variantName;

    @Option(names = "--concepts", description = "Also run the detector and draw its events as a timeline under the image.")
    boolean concepts;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "yamnet",
            description = "With --concepts: yamnet (default), vggish or an .onnx embedding model.")
    String model;

    @Option(names = "--classifier", paramLabel = "MODEL.hark",
            description = "With --concepts: a head trained with 'hark train' (default: the model's AudioSet labels).")
    Path classifier;

    @Override
    public Integer call() {
        FrontEndVariant variant = FrontEndVariant.fromCliName(variantName);
        boolean png = hasSuffix(out, ".png");
        if (!png && !hasSuffix(out, ".npy")) {
            throw new BadInputException("--out " + out + ": name a .png (image) or .npy (values) file");
        }
        if (!png && (concepts || classifier != null)) {
            throw new BadInputException("--concepts and --classifier draw events on the image: use --out F.png");
        }
        Outputs.file(out, classifier == null ? List.of(file) : List.of(file, classifier));
        return png ? image(variant) : values(variant);
    }

    private static boolean hasSuffix(Path p, String suffix) {
        Path name = p.getFileName();
        return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(suffix);
    }

    private int values(FrontEndVariant variant) {
        long frames;
        try (NpyStreamWriter writer = Npy.openRowWriter(out, FrontEndParams.MEL_BANDS)) {
            long samples = run(variant, (index, frame) -> writer.writeRow(frame), null);
            frames = writer.rows();
            writer.commit();
            print("%s: %.3f s at 16 kHz -> %d frames x %d (%s log-mel) -> %s%n", file,
                    samples / (double) FrontEndParams.SAMPLE_RATE_HZ, frames, FrontEndParams.MEL_BANDS,
                    variant.cliName(), out);
        }
        return ExitCodes.OK;
    }

    private int image(FrontEndVariant variant) {
        ColumnPooler pooler = new ColumnPooler(SpectrogramLayout.PLOT_WIDTH);
        List<EventSpan> spans = concepts || classifier != null ? new ArrayList<>() : null;
        long samples;
        if (spans == null) {
            samples = run(variant, pooler, null);
        } else {
            DetectionPipeline.Builder b = DetectionPipeline.builder().model(model);
            if (classifier != null) {
                b.classifierFile(classifier);
            }
            try (DetectionPipeline pipeline = b.build()) {
                samples = run(variant, pooler, pipeline, spans);
            }
        }
        PooledSpectrogram s = pooler.result();
        if (s.frames() == 0) {
            throw new BadInputException(file + ": shorter than one " + FrontEndParams.WINDOW_LENGTH_SAMPLES
                    + "-sample (25 ms) frame: nothing to draw");
        }
        double seconds = samples / (double) FrontEndParams.SAMPLE_RATE_HZ;
        String pooling = s.framesPerColumn() == 1 ? "one column per 10 ms frame"
                : String.format(Locale.ROOT, "each column the maximum of %d frames (%d ms)", s.framesPerColumn(),
                        s.framesPerColumn() * 10);
        String subtitle = String.format(Locale.ROOT, "%s log-mel, %.2f s, 64 mel bands 125-7500 Hz; %s", variant.cliName(),
                seconds, pooling);
        String valueName = String.format(Locale.ROOT, "log(mel + %s)", variant.logOffset());
        BufferedImage img = SpectrogramPainter.paint(s, String.valueOf(file.getFileName()), subtitle, valueName, spans);
        try {
            PngFile.write(out, img);
        } catch (IOException e) {
            throw IoFailures.cannotWrite(out, e);
        }
        print("%s: %.3f s -> %d frames, %d per column (max-pooled) -> %d columns; %dx%d PNG%s -> %s%n", file, seconds,
                s.frames(), s.framesPerColumn(), s.columns().length, img.getWidth(), img.getHeight(),
                spans == null ? "" : String.format(Locale.ROOT, " with %d event%s of %d label%s", spans.size(),
                        spans.size() == 1 ? "" : "s", labels(spans), labels(spans) == 1 ? "" : "s"), out);
        return ExitCodes.OK;
    }

    private static long labels(List<EventSpan> spans) {
        return spans.stream().map(EventSpan::label).distinct().count();
    }

    private long run(FrontEndVariant variant, FrameSink sink, DetectionPipeline pipeline) {
        return run(variant, sink, pipeline, null);
    }

    /** Decodes the file in blocks into the front end (and the pipeline, if any); the 16 kHz samples read. */
    private long run(FrontEndVariant variant, FrameSink sink, DetectionPipeline pipeline, List<EventSpan> spans) {
        DetectionListener events = DetectionListener.forEvents(e -> {
            if (e.type() == DetectionEvent.Type.OFFSET) {
                spans.add(new EventSpan(e.label(), e.startSeconds(), e.endSeconds()));
            }
        });
        try (Mono16kStream audio = AudioFiles.open16k(file)) {
            StreamingLogMel frontEnd = new StreamingLogMel(variant, sink);
            float[] block = new float[BLOCK_SAMPLES];
            int n;
            while ((n = audio.read(block, 0, block.length)) >= 0) {
                frontEnd.accept(block, 0, n);
                if (pipeline != null && n > 0) {
                    pipeline.process(java.util.Arrays.copyOf(block, n), FrontEndParams.SAMPLE_RATE_HZ, events);
                }
            }
            if (pipeline != null) {
                pipeline.finish(events);
            }
            return frontEnd.samplesAccepted();
        }
    }

    private void print(String format, Object... args) {
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, format, args);
        o.flush();
    }
}
