package dev.hark.bench.events;

import dev.hark.core.audio.WavWriter;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.core.io.AtomicFile;
import dev.hark.core.io.IoFailures;
import dev.hark.models.jsonl.JsonLines;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** How the event benchmark prints a scene's scores (a table, or JSON lines) and writes its report files. */
public final class EventReport {
    private EventReport() {
    }

    /** The JSON line of one scene ({@code "type":"scene"}). */
    public record SceneLine(String type, double snr, double seconds, int sounds, long targets, int onsets,
            double onsetsPerSound, double scaleDb, double processingSeconds) {
    }

    /** The JSON line of one target's figures, or of all ({@code "type":"overall"}); null where undefined. */
    public record TargetLine(String type, double snr, String target, int sounds, int found, int falseAlarms,
            Double recall, Double precision, double f1, double falseAlarmsPerHour, Double linesPerSound,
            Double latencyMedian, Double latencyMax) {
        static TargetLine of(String type, double snr, TargetScore s) {
            return new TargetLine(type, snr, s.target(), s.sounds(), s.found(), s.falseAlarms(), finite(s.recall()),
                    finite(s.precision()), round(s.f1()), round(s.falseAlarmsPerHour()), finite(s.linesPerSound()),
                    finite(s.medianLatency()), finite(s.maxLatency()));
        }
    }

    private static Double finite(double v) {
        return Double.isNaN(v) ? null : round(v);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    /** Prints one scene's figures as JSON lines: the scene, each target, overall. */
    public static void jsonl(PrintWriter out, Scene scene, EventScore score, double processingSeconds) {
        out.println(JsonLines.write(new SceneLine("scene", scene.snrDb(), scene.seconds(), score.allSounds(),
                scene.sounds().stream().filter(Scene.Placed::isTarget).count(), score.allOnsets(),
                round(score.allOnsetsPerSound()), round(scene.scaleDb()), round(processingSeconds))));
        for (TargetScore t : score.perTarget()) {
            out.println(JsonLines.write(TargetLine.of("target", scene.snrDb(), t)));
        }
        out.println(JsonLines.write(TargetLine.of("overall", scene.snrDb(), score.overall())));
    }

    /** Prints one scene's figures as a table. */
    public static void table(PrintWriter out, Scene scene, EventScore score, double processingSeconds) {
        long targets = scene.sounds().stream().filter(Scene.Placed::isTarget).count();
        out.printf(Locale.ROOT, "SNR %s dB: %d sounds (%d targets, %d distractors), %d onset lines of any label "
                + "(%.2f per sound)%s; detector ran in %.1f s%n", number(scene.snrDb()), score.allSounds(), targets,
                score.allSounds() - targets, score.allOnsets(), score.allOnsetsPerSound(),
                scene.scaleDb() < 0 ? String.format(Locale.ROOT, "; scene scaled by %.1f dB to stay within full scale",
                        scene.scaleDb()) : "", processingSeconds);
        int width = Math.max(7, score.perTarget().stream().mapToInt(t -> t.target().length()).max().orElse(7));
        out.printf(Locale.ROOT, "  %-" + width + "s  sounds  found  recall  precision    F1   false alarms/h  "
                + "lines/sound  latency median / max%n", "target");
        for (TargetScore t : score.perTarget()) {
            row(out, width, t);
        }
        row(out, width, score.overall());
    }

    private static void row(PrintWriter out, int width, TargetScore t) {
        out.printf(Locale.ROOT, "  %-" + width + "s  %6d  %5d  %6s  %9s  %5.2f  %14.1f  %11s  %s%n", t.target(),
                t.sounds(), t.found(), fixed(t.recall()), fixed(t.precision()), t.f1(), t.falseAlarmsPerHour(),
                fixed(t.linesPerSound()), Double.isNaN(t.medianLatency()) ? "-" : String.format(Locale.ROOT,
                        "%.2f / %.2f s", t.medianLatency(), t.maxLatency()));
    }

    private static String fixed(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The files {@link #write} writes for a scene at {@code snrDb}. */
    public static List<String> files(double snrDb) {
        String s = "snr" + number(snrDb);
        return List.of(s + "-scene.wav", s + "-sounds.csv", s + "-onsets.csv");
    }

    /**
     * Writes into {@code dir} the scene as a 16-bit WAV (to listen to, or to run {@code hark listen --input} on), its
     * sounds (file, category, target, times, gain, and when a target was found: empty for a miss) and every onset
     * with how it was counted and what it fell in ({@link #during}), so misses and false alarms can be read off.
     */
    public static void write(Path dir, Scene scene, EventScore score) {
        List<String> names = files(scene.snrDb());
        WavWriter.writePcm16(dir.resolve(names.get(0)), scene.samples(), FrontEndParams.SAMPLE_RATE_HZ);
        Map<Integer, Double> foundAt = new HashMap<>();
        for (EventScorer.ScoredOnset o : score.onsets()) {
            if (o.verdict() == EventScorer.Verdict.FOUND) {
                foundAt.put(o.sound(), o.event().timeSeconds());
            }
        }
        StringBuilder sounds = new StringBuilder("index,start_seconds,end_seconds,kind,target,category,file,gain_db,"
                + "background_dbfs,found_seconds\n");
        for (Scene.Placed p : scene.sounds()) {
            SoundClip c = p.slot().sound();
            Double found = foundAt.get(p.slot().index());
            sounds.append(String.format(Locale.ROOT, "%d,%.3f,%.3f,%s,%s,%s,%s,%.2f,%.2f,%s%n", p.slot().index(),
                    p.startSeconds(), p.endSeconds(), c.isTarget() ? "target" : "distractor",
                    c.isTarget() ? c.target() : "", csv(c.category()), csv(c.file().toString()), p.gainDb(),
                    p.backgroundDbfs(), found == null ? "" : String.format(Locale.ROOT, "%.3f", found)));
        }
        text(dir.resolve(names.get(1)), sounds.toString());
        StringBuilder onsets = new StringBuilder("time_seconds,label,score,target,verdict,sound,during\n");
        for (EventScorer.ScoredOnset o : score.onsets()) {
            onsets.append(String.format(Locale.ROOT, "%.3f,%s,%.4f,%s,%s,%s,%s%n", o.event().timeSeconds(),
                    csv(o.event().label()), o.event().score(), o.target() == null ? "" : o.target(),
                    o.verdict().name().toLowerCase(Locale.ROOT), o.sound() < 0 ? "" : Integer.toString(o.sound()),
                    csv(during(scene, o.event().timeSeconds()))));
        }
        text(dir.resolve(names.get(2)), onsets.toString());
    }

    /**
     * The category of the sound whose scoring window (from {@link EventScorer#BEFORE_SECONDS} before it to {@link
     * EventScorer#AFTER_SECONDS} after it) holds {@code timeSeconds}, or {@code room} when none does (windows never
     * overlap: {@link SceneLayout}).
     */
    static String during(Scene scene, double timeSeconds) {
        for (Scene.Placed p : scene.sounds()) {
            if (timeSeconds >= p.startSeconds() - EventScorer.BEFORE_SECONDS
                    && timeSeconds <= p.endSeconds() + EventScorer.AFTER_SECONDS) {
                return p.slot().sound().category();
            }
        }
        return "room";
    }

    /** All file names for the given SNRs. */
    public static List<String> files(List<Double> snrs) {
        List<String> all = new ArrayList<>();
        snrs.forEach(s -> all.addAll(files(s)));
        return all;
    }

    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static void text(Path file, String content) {
        try {
            AtomicFile.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw IoFailures.cannotWrite(file, e);
        }
    }
}
