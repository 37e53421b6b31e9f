package dev.hark.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.app.ExitCodes;
import dev.hark.app.Hark;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class BenchTest {
    /** Runs hark-bench in-process and returns {exitCode, stdout, stderr}. */
    static Object[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Bench.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Object[] {code, out.toString(), err.toString()};
    }

    /** As in the README's Benchmarks section. */
    @Test
    void helpListsTheBenchmarksAsInTheReadme() {
        Object[] r = run("--help");
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        assertEquals(String.join("\n",
                "Usage: hark-bench [-hV] [COMMAND]",
                "Measure speed and memory of the pipeline's parts on this machine.",
                "  -h, --help      Show this help message and exit.",
                "  -V, --version   Print version information and exit.",
                "Commands:",
                "  help        Display help information about the specified command.",
                "  audio       Resampler speed, and header-reading and decoding speed over a",
                "                directory of audio files.",
                "  frontend    Log-mel front-end speed on one core, as a multiple of real time.",
                "  listen      Live listener: CPU per second of audio (quiet / sound), memory",
                "                after an hour, onset latency.",
                "  embed       Embedding speed: patches/s on one thread and on all cores,",
                "                classify's real-time factor on a long file, and the cold start",
                "                of classify in a new JVM (it needs hark.jar).",
                "  ort-parity  Embedder throughput against ONNX Runtime's own (onnxruntime-node)",
                "                on the same graph: 1 and 2 threads x batch 1 and batched,",
                "                interleaved; patches/s and the ratio Hark / ORT.",
                "  learn       Time feature extraction of a data set cold (fresh cache) and",
                "                warm, and training on the cached features (hark train's options",
                "                and defaults).",
                "  fuzz        Fuzz the readers of user files (audio, npy, pth, TFLite,",
                "                TensorFlow checkpoints, ONNX embedders, .hark bundles) with",
                "                seeded mutations: outcomes and peak memory per format, and",
                "                every file that gave a trace, a wrong exit code, a hang or too",
                "                much memory.",
                "  events      Event benchmark: scenes of targets and distractors at known times",
                "                and SNRs, through the listener with its defaults; recall,",
                "                precision, F1, false alarms per hour, lines per sound, latency.",
                "  latency     Microphone latency: hark listen on a PulseAudio virtual",
                "                microphone, sounds played into it; onset latency per sound,",
                "                median, 95th percentile; listen's CPU.",
                ""), ((String) r[1]).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void theHarkCommandHasNoBenchmarks() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Hark.run(new String[] {"bench", "frontend"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(ExitCodes.BAD_INPUT, code, out.toString());
        assertTrue(err.toString().startsWith("hark: Unmatched arguments"), err.toString());
        assertFalse(Hark.commandLine(new PrintWriter(out), new PrintWriter(err)).getSubcommands().containsKey("bench"));
    }
}
