package dev.hark.bench;

import dev.hark.app.Hark;
import dev.hark.core.audio.WavWriter;
import dev.hark.core.io.Npy;
import dev.hark.core.io.NpyArray;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model file through the {@code hark} command a user would give it to, in process ({@code Hark.run}), judged by
 * the contract of bad input: an ONNX embedder as {@code hark embed --model FILE} on a 1 s clip, a bundle as
 * {@code hark labels --classifier FILE}, a TensorFlow checkpoint as {@code hark models import-vggish FILE --out
 * X.onnx --no-register}. Success must give the command's normal output (the {@code .npy} row, every label, the
 * verified graph); a refusal must be exit 2 or 3 with one line on stderr naming the file, nothing on stdout, and no
 * output file left behind.
 */
final class ModelCommandCheck {
    private final Path work;
    private final Path clip;

    /** Writes the clip {@code embed} reads into {@code work}. */
    ModelCommandCheck(Path work) {
        this.work = work;
        this.clip = work.resolve("clip-1s.wav");
        float[] s = new float[16000];
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16000.0) + 0.05 * Math.sin(i * 0.37));
        }
        WavWriter.writePcm16(clip, s, 16000);
    }

    /** Deletes the clip. */
    void deleteClip() throws IOException {
        Files.deleteIfExists(clip);
    }

    Fuzzer.Outcome check(Fuzzer.Format format, Path file, String[] problem) {
        Path out = work.resolve(switch (format) {
            case ONNX -> "embed-out.npy";
            case CKPT -> "import-out.onnx";
            default -> "unused";
        });
        String[] args = switch (format) {
            case ONNX -> new String[] {"embed", "--model", file.toString(), "--no-cache", "--threads", "1",
                "--decode-threads", "1", "--out", out.toString(), clip.toString()};
            case BUNDLE -> new String[] {"labels", "--classifier", file.toString()};
            case CKPT -> new String[] {"models", "import-vggish", file.toString(), "--out", out.toString(),
                "--no-register"};
            default -> throw new IllegalArgumentException(format + " is not read by a model command");
        };
        StringWriter so = new StringWriter();
        StringWriter se = new StringWriter();
        int code;
        try {
            code = Hark.run(args, new PrintWriter(so, true), new PrintWriter(se, true));
        } catch (Throwable t) {
            problem[0] = "escaped Hark.run: " + t;
            return Fuzzer.Outcome.FAILURE;
        }
        List<String> stdout = lines(so.toString());
        List<String> stderr = new ArrayList<>();
        for (String l : lines(se.toString())) {
            if (!(format == Fuzzer.Format.ONNX && l.startsWith("embed: "))) {   // embed's plain progress line
                stderr.add(l);
            }
        }
        try {
            if (code == 0) {
                problem[0] = success(format, stdout, stderr, out, file);
                return problem[0] == null ? Fuzzer.Outcome.OK : Fuzzer.Outcome.FAILURE;
            }
            if (code != 2 && code != 3) {
                problem[0] = "exit " + code + ": " + se.toString().strip();
                return Fuzzer.Outcome.FAILURE;
            }
            if (stderr.size() != 1) {
                problem[0] = "exit " + code + " with " + stderr.size() + " lines on stderr: " + se.toString().strip();
                return Fuzzer.Outcome.FAILURE;
            }
            String bad = Fuzzer.oneLineNaming(stderr.get(0) + "\n", file);
            if (bad == null && !stderr.get(0).startsWith("hark: ")) {
                bad = "stderr line without 'hark: ': " + stderr.get(0);
            }
            // (embed names the model it opened before it runs it: a graph that loads but fails to run)
            List<String> printed = stdout.stream().filter(l -> !(format == Fuzzer.Format.ONNX && l.startsWith("model: ")))
                    .toList();
            if (bad == null && !printed.isEmpty()) {
                bad = "refused, yet printed on stdout: " + printed.get(0);
            }
            if (bad == null && Files.exists(out)) {
                bad = "refused, yet " + out.getFileName() + " was written";
            }
            problem[0] = bad;
            return bad != null ? Fuzzer.Outcome.FAILURE
                    : code == 3 ? Fuzzer.Outcome.MODEL_PROBLEM : Fuzzer.Outcome.BAD_INPUT;
        } finally {
            try {
                Files.deleteIfExists(out);
                if (format == Fuzzer.Format.ONNX) {
                    Files.deleteIfExists(work.resolve("embed-out.index.csv"));
                }
            } catch (IOException e) {
                problem[0] = problem[0] != null ? problem[0] : "cannot delete " + out + ": " + e;
            }
        }
    }

    /** Null when a run that exited 0 gave what the command promises, else what is wrong. */
    private static String success(Fuzzer.Format format, List<String> stdout, List<String> stderr, Path out, Path file) {
        if (!stderr.isEmpty()) {
            return "exit 0 but stderr: " + String.join(" | ", stderr);
        }
        switch (format) {
            case ONNX -> {
                if (stdout.size() != 3 || !stdout.get(0).startsWith("model: ") || !stdout.get(1).startsWith("features: 1 clips")
                        || !stdout.get(2).startsWith("wrote " + out)) {
                    return "exit 0 but stdout is not embed's three lines: " + String.join(" | ", stdout);
                }
                try {
                    NpyArray a = Npy.read(out);
                    if (a.shape().length != 2 || a.shape()[0] != 1 || a.shape()[1] < 1) {
                        return "exit 0 but " + out.getFileName() + " has shape " + java.util.Arrays.toString(a.shape());
                    }
                } catch (RuntimeException e) {
                    return "exit 0 but " + out.getFileName() + " does not read: " + e.getMessage();
                }
            }
            case BUNDLE -> {
                if (stdout.isEmpty() || !stdout.get(0).matches("\\d+ labels \\(.*")
                        || stdout.size() != 1 + Integer.parseInt(stdout.get(0).split(" ")[0])) {
                    return "exit 0 but stdout is not the label list: " + String.join(" | ", stdout);
                }
            }
            case CKPT -> {
                if (stdout.size() != 4 || !stdout.get(0).startsWith("Read " + file) || !stdout.get(3).startsWith("Wrote ")
                        || !Files.isRegularFile(out)) {
                    return "exit 0 but no verified graph: " + String.join(" | ", stdout);
                }
            }
            default -> throw new IllegalArgumentException(format.name());
        }
        return null;
    }

    private static List<String> lines(String s) {
        List<String> l = new ArrayList<>();
        for (String line : s.split("\n")) {
            if (!line.isEmpty()) {
                l.add(line);
            }
        }
        return l;
    }
}
