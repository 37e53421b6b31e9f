package dev.hark.app;

import dev.hark.core.audio.AudioFiles;
import dev.hark.core.audio.Mono16kStream;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.frontend.FrontEndVariant;
import dev.hark.core.frontend.StreamingLogMel;
import dev.hark.core.io.Npy;
import dev.hark.core.io.NpyStreamWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code hark features FILE --variant vggish|yamnet --out FRAMES.npy}: the log-mel frames of an audio file
 * (decoded and resampled to 16 kHz mono) as a float32 {@code .npy} of shape {@code [frames, 64]}. Streams: the
 * file is decoded in blocks and frames go straight to disk, so memory stays bounded however long the file.
 * The output appears only when complete.
 */
@Command(
        name = "features",
        mixinStandardHelpOptions = true,
        description = "Write an audio file's log-mel frames (the exact VGGish/YAMNet front end) as a float32 "
                + ".npy of shape [frames, 64].")
final class FeaturesCommand implements Callable<Integer> {
    private static final int BLOCK_SAMPLES = 16_384;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Audio file (WAV, FLAC, OGG Vorbis, MP3; any rate).")
    Path file;

    @Option(names = "--variant", defaultValue = "yamnet", paramLabel = "vggish|yamnet",
            description = "Log offset of which model: vggish (0.01) or yamnet (0.001); default ${DEFAULT-VALUE}.")
    String variantName;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FRAMES.npy",
            description = "Output .npy file (written to a temporary file, renamed when complete).")
    Path out;

    @Override
    public Integer call() {
        FrontEndVariant variant = FrontEndVariant.fromCliName(variantName);
        Outputs.file(out, java.util.List.of(file));
        long frames;
        long samples;
        try (Mono16kStream audio = AudioFiles.open16k(file);
                NpyStreamWriter writer = Npy.openRowWriter(out, FrontEndParams.MEL_BANDS)) {
            StreamingLogMel frontEnd = new StreamingLogMel(variant, (index, frame) -> writer.writeRow(frame));
            float[] block = new float[BLOCK_SAMPLES];
            int n;
            while ((n = audio.read(block, 0, block.length)) >= 0) {
                frontEnd.accept(block, 0, n);
            }
            frames = writer.rows();
            samples = frontEnd.samplesAccepted();
            writer.commit();
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s: %.3f s at 16 kHz -> %d frames x %d (%s log-mel) -> %s%n", file,
                samples / (double) FrontEndParams.SAMPLE_RATE_HZ, frames, FrontEndParams.MEL_BANDS,
                variant.cliName(), out);
        if (frames == 0) {
            o.printf(Locale.ROOT, "note: shorter than one %d-sample frame: the array has shape (0, %d)%n",
                    FrontEndParams.WINDOW_LENGTH_SAMPLES, FrontEndParams.MEL_BANDS);
        }
        o.flush();
        return ExitCodes.OK;
    }
}
