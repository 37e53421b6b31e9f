package dev.hark.serve.clips;

import dev.hark.core.frontend.FrontEndParams;
import dev.hark.live.WindowScores;
import dev.hark.live.record.AudioRing;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Collects each event's audio on the processing thread, from {@code preRollSeconds} before its start to its end,
 * and hands it to the {@link ClipWriter} at the offset. With {@code noSpeech}, a clip during which any window
 * scored the {@code Speech} label at or above the speech threshold is not kept (and counted).
 */
public final class ClipRecorder {
    /** Longest clip kept (a bound on memory for an event that never ends). */
    public static final double MAX_CLIP_SECONDS = 120.0;
    private static final int RATE = FrontEndParams.SAMPLE_RATE_HZ;

    private final ClipWriter writer;
    private final double preRollSeconds;
    private final boolean noSpeech;
    private final double speechThreshold;
    private final AudioRing ring;
    private final Map<Long, Clip> open = new HashMap<>();
    private int speechColumn = -2;
    private double lastSpeechEndSeconds = Double.NEGATIVE_INFINITY;
    private volatile long withheld;

    private static final class Clip {
        final long startSample;
        final String concept;
        final long wallTimeMillis;
        float[] samples = new float[RATE * 4];
        int length;
        boolean speech;

        Clip(long startSample, String concept, long wallTimeMillis) {
            this.startSample = startSample;
            this.concept = concept;
            this.wallTimeMillis = wallTimeMillis;
        }

        void append(float[] x, int off, int len) {
            int n = Math.min((int) (MAX_CLIP_SECONDS * RATE) - length, len);
            if (n <= 0) {
                return;
            }
            if (length + n > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(length + n, samples.length * 2));
            }
            System.arraycopy(x, off, samples, length, n);
            length += n;
        }
    }

    public ClipRecorder(ClipWriter writer, double preRollSeconds, boolean noSpeech, double speechThreshold) {
        this.writer = writer;
        this.preRollSeconds = preRollSeconds;
        this.noSpeech = noSpeech;
        this.speechThreshold = speechThreshold;
        this.ring = new AudioRing((int) Math.ceil((preRollSeconds + 30.0) * RATE));
    }

    /** The next 16 kHz samples of the stream (see {@link dev.hark.live.DetectionListener#onAudio}). */
    public void onAudio(long startSample, float[] x, int off, int len) {
        if (startSample > ring.endSample()) { // audio was dropped: keep the timeline with silence
            float[] gap = new float[(int) Math.min(startSample - ring.endSample(), (long) RATE * 40)];
            ring.append(gap, 0, gap.length);
            open.values().forEach(c -> c.append(gap, 0, gap.length));
        }
        ring.append(x, off, len);
        for (Clip c : open.values()) {
            c.append(x, off, len);
        }
    }

    /** Each window: with {@code noSpeech}, marks the open clips when it holds speech. */
    public void onWindow(WindowScores w) {
        if (!noSpeech || w.scores() == null) {
            return;
        }
        if (speechColumn == -2) {
            speechColumn = w.labels().indexOf("Speech");
        }
        if (speechColumn >= 0 && w.scores()[speechColumn] >= speechThreshold) {
            lastSpeechEndSeconds = w.endSeconds();
            open.values().forEach(c -> c.speech = true);
        }
    }

    /** An event began (at {@code startSeconds} on the stream); its clip starts the pre-roll before. */
    public void onset(long id, String concept, double startSeconds, long wallTimeMillis) {
        long from = Math.max(0, Math.round((startSeconds - preRollSeconds) * RATE));
        Clip c = new Clip(from, concept, wallTimeMillis);
        float[] before = ring.copy(from, ring.endSample());
        c.append(before, 0, before.length);
        c.speech = lastSpeechEndSeconds > from / (double) RATE;
        open.put(id, c);
    }

    /** The event ended at {@code endSeconds}: its clip goes to the writer (unless withheld for speech). */
    public void offset(long id, double endSeconds) {
        Clip c = open.remove(id);
        if (c == null) {
            return;
        }
        if (c.speech) {
            withheld++;
            return;
        }
        long end = Math.round(endSeconds * RATE);
        int keep = (int) Math.max(0, Math.min(c.length, end - c.startSample));
        writer.submit(id, c.concept, c.wallTimeMillis, Arrays.copyOf(c.samples, keep));
    }

    /** Whether speech can be recognized (the classifier has a Speech label); known after the first window. */
    public boolean speechLabelMissing() {
        return speechColumn == -1;
    }

    /** Clips not kept because speech was heard during them. */
    public long withheldForSpeech() {
        return withheld;
    }
}
