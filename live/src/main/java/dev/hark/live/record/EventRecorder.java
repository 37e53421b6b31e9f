package dev.hark.live.record;

import dev.hark.core.audio.WavWriter;
import dev.hark.core.events.DetectionEvent;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.live.DetectionListener;
import dev.hark.core.io.AtomicFile;
import dev.hark.core.io.IoFailures;
import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A listener that saves each event as a 16 kHz WAV clip: from {@code preRollSeconds} before the event's start
 * to its end, written to a temporary name and renamed when the offset comes (or at stop). Clips longer than
 * {@link #MAX_CLIP_SECONDS} are cut there. File names: {@code <start>_<label>.wav}, the start on the wall clock or
 * in the stream ({@link ClipNames}).
 */
public final class EventRecorder implements DetectionListener {
    /** Longest clip kept (memory bound for an event that never ends). */
    public static final double MAX_CLIP_SECONDS = 120.0;

    private final Path dir;
    private final double preRollSeconds;
    private final Consumer<String> warnings;
    private final ClipNames names;
    private final AudioRing ring;
    private final Map<String, Clip> open = new HashMap<>();
    private final List<Path> written = new ArrayList<>();
    private int failed;
    private int failingSince;

    private static final class Clip {
        final long startSample;
        final String name;
        float[] samples = new float[FrontEndParams.SAMPLE_RATE_HZ * 4];
        int length;
        boolean full;

        Clip(long startSample, String name) {
            this.startSample = startSample;
            this.name = name;
        }

        void append(float[] x, int off, int len) {
            int room = (int) (MAX_CLIP_SECONDS * FrontEndParams.SAMPLE_RATE_HZ) - length;
            int n = Math.min(room, len);
            if (n <= 0) {
                full = true;
                return;
            }
            if (length + n > samples.length) {
                samples = java.util.Arrays.copyOf(samples, Math.max(length + n, samples.length * 2));
            }
            System.arraycopy(x, off, samples, length, n);
            length += n;
        }
    }

    /**
     * @param dir where clips go (created if missing)
     * @param preRollSeconds audio kept before the event's start
     * @param warnings receives one line when a clip cannot be written (recording goes on); only the first failure
     *                 of a run of failures is said, and the next clip saved says how many were lost
     * @throws BadInputException when {@code dir} cannot be created or does not take new files (checked here,
     *                 before any audio is heard)
     */
    public EventRecorder(Path dir, double preRollSeconds, Consumer<String> warnings) {
        this(dir, preRollSeconds, warnings, ClipNames.WALL_CLOCK);
    }

    /**
     * As {@link #EventRecorder(Path, double, Consumer)}, naming clips by {@code names}: {@link ClipNames#STREAM_TIME}
     * for a file, whose wall clock says nothing about where in the audio the event was.
     */
    public EventRecorder(Path dir, double preRollSeconds, Consumer<String> warnings, ClipNames names) {
        this.names = names;
        this.dir = dir;
        this.preRollSeconds = preRollSeconds;
        this.warnings = warnings;
        // pre-roll plus the longest way back from an onset to its start (n windows of the hop grid), with room
        this.ring = new AudioRing((int) Math.ceil((preRollSeconds + 30.0) * FrontEndParams.SAMPLE_RATE_HZ));
        try {
            AtomicFile.checkDirectory(dir);
        } catch (IOException e) {
            throw new BadInputException("cannot record clips in " + dir + ": " + IoFailures.reason(e), e);
        }
    }

    @Override
    public void onAudio(long startSample, float[] samples16k, int off, int len) {
        if (startSample > ring.endSample()) {
            // audio was dropped: keep the timeline by filling the gap with silence
            long gapSamples = Math.min(startSample - ring.endSample(), (long) FrontEndParams.SAMPLE_RATE_HZ * 40);
            float[] gap = new float[(int) gapSamples];
            ring.append(gap, 0, gap.length);
            for (Clip c : open.values()) {
                c.append(gap, 0, gap.length);
            }
        }
        ring.append(samples16k, off, len);
        for (Clip c : open.values()) {
            c.append(samples16k, off, len);
        }
    }

    @Override
    public void onEvent(DetectionEvent e) {
        if (e.type() == DetectionEvent.Type.ONSET) {
            long from = Math.max(0, Math.round((e.startSeconds() - preRollSeconds) * FrontEndParams.SAMPLE_RATE_HZ));
            String name = names.of(e, Instant.now());
            Clip c = new Clip(from, name);
            float[] before = ring.copy(from, ring.endSample());
            c.append(before, 0, before.length);
            open.put(e.label(), c);
        } else {
            Clip c = open.remove(e.label());
            if (c != null) {
                long end = Math.round(e.endSeconds() * FrontEndParams.SAMPLE_RATE_HZ);
                int keep = (int) Math.max(0, Math.min(c.length, end - c.startSample));
                write(c, keep);
            }
        }
    }

    private void write(Clip c, int length) {
        Path p = dir.resolve(c.name);
        try {
            WavWriter.writePcm16(p, java.util.Arrays.copyOf(c.samples, length), FrontEndParams.SAMPLE_RATE_HZ);
            written.add(p);
            if (failingSince > 0) {
                warnings.accept("saving clips again (" + p + "); " + failingSince + " clip(s) could not be saved");
                failingSince = 0;
            }
        } catch (UncheckedIOException | IllegalArgumentException e) {
            failed++;
            if (failingSince++ == 0) { // said once, not once per event: detection goes on regardless
                String reason = e instanceof UncheckedIOException u ? IoFailures.reason(u.getCause()) : e.getMessage();
                warnings.accept("could not save clip " + p + ": " + reason + "; detection goes on (further clips "
                        + "that cannot be saved are counted, not reported one by one)");
            }
        }
    }

    /** Clips that could not be saved so far. */
    public int failed() {
        return failed;
    }

    /** Clips written so far. */
    public List<Path> written() {
        return List.copyOf(written);
    }
}
