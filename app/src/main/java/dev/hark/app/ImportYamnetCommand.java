package dev.hark.app;

import dev.hark.config.Bounds;
import dev.hark.errors.BadInputException;
import dev.hark.importers.yamnet.YamnetImporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code hark models import-yamnet}: a YAMNet TFLite file -> a verified ONNX graph with Hark's input and output names. */
@Command(
        name = "import-yamnet",
        mixinStandardHelpOptions = true,
        description = {
            "Import a YAMNet TFLite file (float32 or int8 weights) into a verified ONNX graph: input log_mel_patch [N,96,64],"
                    + " outputs scores [N,521] and embedding [N,1024].",
            "Log-mel-input variants are taken as they are; a waveform-input export (TF Hub's yamnet.tflite) loses its"
                    + " built-in front end, since Hark computes the same log-mel patches itself.",
            "The graph is checked against a pure-Java forward pass of the TFLite operators before it is kept."
        })
final class ImportYamnetCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.tflite", description = "YAMNet TFLite flatbuffer.")
    Path tflite;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "yamnet_imported.onnx",
            description = "Where to write the ONNX graph (default: ${DEFAULT-VALUE}); use it with --model FILE.")
    Path out;

    /** More decimals than a float32 scale carries change nothing. */
    static final int MAX_SCALE_DECIMALS = 12;

    @Option(names = "--scale-decimals", paramLabel = "N", defaultValue = "-1",
            description = "Round int8 quantisation scales to N decimals before dequantising, as conversions through"
                    + " flatc's JSON do (6 reproduces Hark's bundled yamnet.onnx); default: exact scales.")
    int scaleDecimals;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (out.getFileName() != null && out.getFileName().toString().equals("yamnet.onnx")) {
            throw new BadInputException(out + ": the name yamnet.onnx belongs to the bundled model, whose checksum is"
                    + " checked wherever it lies; choose another name, e.g. yamnet_imported.onnx");
        }
        Bounds.check("--scale-decimals", scaleDecimals, -1, MAX_SCALE_DECIMALS, "-1 means exact scales");
        YamnetImporter.Result r = YamnetImporter.importFile(tflite, out, scaleDecimals);
        o.printf(Locale.ROOT, "Read %s: input %s, sha256 %s%n", tflite, r.fileInput(), r.sourceSha256());
        if (!r.droppedFrontEnd().isEmpty()) {
            o.printf(Locale.ROOT, "Dropped its built-in front end (%s): Hark computes the 96x64 log-mel patches itself%n",
                    String.join(", ", r.droppedFrontEnd()));
            double offset = r.frontEndLogOffset();
            if (Double.isNaN(offset)) {
                o.printf(Locale.ROOT, "Note: the dropped front end's log offset could not be read; Hark's is %s%n",
                        YamnetImporter.HARK_LOG_OFFSET);
            } else if (Math.abs(offset - YamnetImporter.HARK_LOG_OFFSET) > 1e-9) {
                o.printf(Locale.ROOT, "Warning: the dropped front end computes log(mel + %s), Hark's YAMNet front end"
                        + " log(mel + %s): the network will see slightly different patches than it was made for%n",
                        (float) offset, YamnetImporter.HARK_LOG_OFFSET);
            } else {
                o.printf(Locale.ROOT, "Its front end computes log(mel + %s), as Hark's YAMNet front end does%n", (float) offset);
            }
        }
        o.printf(Locale.ROOT, "Network: %s; %,d parameters (%s); %d classes, embedding %d%n",
                r.operators().entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")),
                r.parameters(), scaleDecimals < 0 ? "exact dequantisation" : "scales rounded to " + scaleDecimals + " decimals",
                r.classes(), r.embeddingSize());
        o.printf(Locale.ROOT, "Verified: ONNX Runtime vs pure-Java forward pass on a fixed patch: relative error %.2e"
                + " (scores), %.2e (embedding); tolerance %.0e%n", r.scoresError(), r.embeddingError(), YamnetImporter.TOLERANCE);
        o.printf(Locale.ROOT, "Wrote %s (%,d bytes, opset 13) in %.1f s (read %.1f s, build %.1f s, verify %.1f s)%n",
                r.output(), r.outputBytes(), (r.readMillis() + r.writeMillis() + r.verifyMillis()) / 1000.0,
                r.readMillis() / 1000.0, r.writeMillis() / 1000.0, r.verifyMillis() / 1000.0);
        o.printf("Use it with --model %s%n", r.output());
        o.flush();
        return ExitCodes.OK;
    }
}
