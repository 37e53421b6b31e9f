package dev.hark.live.teach;

import dev.hark.config.Bounds;
import dev.hark.config.listen.GateMode;
import dev.hark.config.listen.GateSettings;
import dev.hark.config.listen.ListenSettings;
import dev.hark.core.audio.Resampler;
import dev.hark.core.dataset.DatasetFolder;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.errors.BadInputException;
import dev.hark.live.capture.AudioChunk;
import dev.hark.live.capture.AudioSource;
import dev.hark.live.capture.DropOldestQueue;
import dev.hark.live.capture.SourceFormat;
import dev.hark.live.gate.EnergyGate;
import dev.hark.live.gate.GateTimeline;
import dev.hark.live.gate.Gates;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Teaches Hark a sound where the sound is: records examples from a source (a microphone, or any {@link
 * AudioSource}) into a folder-per-class data set that {@code hark train} reads. {@link #examples} waits for each
 * sound with the activity gate of {@code hark listen}, trims it to the sound plus a margin ({@link ExampleCutter})
 * and saves it as a 16 kHz mono WAV in {@code DATASET/LABEL/}; {@link #background} records room tone and everyday
 * sound into the negatives folder ({@value DatasetFolder#NEGATIVES}), in pieces of {@value
 * #BACKGROUND_PIECE_SECONDS} s.
 *
 * <pre>{@code
 * try (Teacher t = Teacher.builder().source(new MicrophoneSource(null)).dataset(Path.of("dataset")).build()) {
 *     Take take = t.examples("clap", 5, TeachListener.examples(e -> System.out.println("saved " + e.file())));
 * }
 * }</pre>
 *
 * <p>Each take opens the source, and blocks until it is done, {@link #stop()} is called (from any thread), the
 * duration limit is reached or the source ends; then it closes the source. A real-time source is read by a capture
 * thread that only reads and enqueues (a queue that drops the oldest audio when processing falls behind, which
 * then gives up the sound in progress); the gate, the cutting, the saving and the listener's calls happen on the
 * calling thread. A device lost during a take ends it with a {@link BadInputException} (the examples saved stay).
 */
public final class Teacher implements AutoCloseable {
    /** Level updates come about this often, in seconds of audio (4 gate frames). */
    public static final double LEVEL_SECONDS = 0.12;
    /** The background is saved in pieces of about this length, each a negative clip for training. */
    public static final double BACKGROUND_PIECE_SECONDS = 5.0;
    /** The name of background pieces: {@code background-001.wav}. */
    public static final String BACKGROUND_STEM = "background";
    /** The most examples one take records. */
    public static final int MAX_EXAMPLES = 1000;
    /** The longest background one take records. */
    public static final double MAX_BACKGROUND_SECONDS = 3600;

    private static final int LEVEL_FRAMES = 4;
    private static final double READ_SECONDS = 0.05;

    private final AudioSource source;
    private final DatasetFolder dataset;
    private final GateSettings gate;
    private final CutSettings cut;
    private final double queueSeconds;
    private final double durationSeconds;
    private volatile boolean stopRequested;
    private volatile AudioSource open;
    private boolean closed;

    private Teacher(Builder b) {
        this.source = Objects.requireNonNull(b.source, "a Teacher needs a source");
        this.dataset = new DatasetFolder(Objects.requireNonNull(b.dataset, "a Teacher needs a data set folder"));
        this.gate = b.gate;
        this.cut = b.cut;
        this.queueSeconds = b.queueSeconds;
        this.durationSeconds = b.durationSeconds;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link Teacher}: {@link #source} and {@link #dataset} are required, the rest has defaults. */
    public static final class Builder {
        private AudioSource source;
        private Path dataset;
        private GateSettings gate = GateSettings.defaults();
        private CutSettings cut = CutSettings.defaults();
        private double queueSeconds = ListenSettings.DEFAULT_QUEUE_SECONDS;
        private double durationSeconds;

        private Builder() {
        }

        /** Where the audio comes from: {@code MicrophoneSource}, {@code FileSource}, {@code SampleSource}. */
        public Builder source(AudioSource source) {
            this.source = source;
            return this;
        }

        /** The data set folder: examples go to {@code DIR/LABEL/}, the background to {@code DIR/_negative/}. */
        public Builder dataset(Path dir) {
            this.dataset = dir;
            return this;
        }

        /** The activity gate that hears where a sound starts and ends (default: {@code hark listen}'s). */
        public Builder gate(GateSettings gate) {
            this.gate = Objects.requireNonNull(gate);
            return this;
        }

        /** How sounds become examples: margins, shortest and longest sound, quiet between sounds. */
        public Builder cut(CutSettings cut) {
            this.cut = Objects.requireNonNull(cut);
            return this;
        }

        /** Audio held between capture and processing before the oldest is dropped (default 2 s). */
        public Builder queueSeconds(double seconds) {
            this.queueSeconds = seconds;
            return this;
        }

        /** Give up after this much audio per take (0, the default: no limit). */
        public Builder durationSeconds(double seconds) {
            this.durationSeconds = seconds;
            return this;
        }

        /** The gate, queue and duration of listener settings (what a {@code hark listen --config} file holds). */
        public Builder settings(ListenSettings s) {
            gate(s.gate());
            queueSeconds(s.queueSeconds());
            durationSeconds(s.durationSeconds());
            return this;
        }

        /** Checks the options (a bad value names it); opens nothing yet. */
        public Teacher build() {
            Bounds.check(ListenSettings.QUEUE, queueSeconds, 0.1, 600.0);
            Bounds.check(ListenSettings.DURATION, durationSeconds, 0.0, 1e9);
            return new Teacher(this);
        }
    }

    /**
     * Records {@code count} examples of {@code label} into {@code DATASET/LABEL/} ({@code LABEL-NNN.wav}, numbered
     * after those already there), blocking until they are saved or the take ends otherwise.
     *
     * @throws BadInputException for a bad label or count, a gate that is off, a folder that cannot be written, or
     *         a source that cannot be opened (no microphone: the message {@code hark listen} gives) or is lost
     * @throws dev.hark.errors.ModelException when the WebRTC VAD's native library cannot be loaded
     */
    public Take examples(String label, int count, TeachListener listener) {
        DatasetFolder.checkLabel(label, "label");
        Bounds.check("examples", count, 1, MAX_EXAMPLES);
        if (gate.mode() == GateMode.OFF) {
            throw new BadInputException("teaching needs an activity gate to hear where a sound starts and ends: "
                    + ListenSettings.GATE_MODE + " may not be off");
        }
        dataset.checkWritable(label);
        GateTimeline timeline = Gates.timeline(gate).orElseThrow();
        try (timeline) {
            return run(new ExamplesJob(label, count, timeline, listener));
        }
    }

    /**
     * Records {@code seconds} of background (room tone, everyday sound: whatever the source hears, no gate) into
     * the negatives folder, in pieces of about {@value #BACKGROUND_PIECE_SECONDS} s ({@code background-NNN.wav}).
     *
     * @throws BadInputException as for {@link #examples}
     */
    public Take background(double seconds, TeachListener listener) {
        Bounds.check("background seconds", seconds, 1.0, MAX_BACKGROUND_SECONDS);
        dataset.checkWritable(null);
        return run(new BackgroundJob(seconds, listener));
    }

    /** Ends the take in progress (a sound not yet over is not saved), and any later one; from any thread. */
    public void stop() {
        stopRequested = true;
    }

    /** Stops and releases the source; idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            stop();
            AudioSource s = open;
            if (s != null) {
                s.close();
            }
        }
    }

    /** The data set folder. */
    public DatasetFolder dataset() {
        return dataset;
    }

    // ------------------------------------------------------------------ the take's loop

    /** The work of one take on 16 kHz frames; {@link #frame} returns true when the take is done. */
    private abstract class Job {
        final TeachListener listener;
        final List<Example> saved = new ArrayList<>();
        final int wanted;
        TeachState state;
        long frames;
        double levelSum;
        int levelFrames;
        double levelDbfs = EnergyGate.MIN_LEVEL_DBFS;

        Job(int wanted, TeachListener listener) {
            this.wanted = wanted;
            this.listener = listener == null ? new TeachListener() { } : listener;
        }

        abstract String label();

        abstract void started(SourceFormat format);

        abstract boolean frame(float[] frame);

        abstract int tooShort();

        /** The audio was interrupted (dropped): a sound in progress is given up. */
        void interrupted() {
        }

        void level(float[] frame) {
            double sum = 0;
            for (float v : frame) {
                sum += (double) v * v;
            }
            levelSum += sum;
            if (++levelFrames == LEVEL_FRAMES) {
                double ms = levelSum / (LEVEL_FRAMES * ExampleCutter.FRAME);
                levelDbfs = ms <= 0 ? EnergyGate.MIN_LEVEL_DBFS : Math.max(EnergyGate.MIN_LEVEL_DBFS, 10 * Math.log10(ms));
                levelSum = 0;
                levelFrames = 0;
                listener.onStatus(new TeachStatus(state, saved.size(), wanted, levelDbfs, seconds(), null));
            }
        }

        void status(TeachState s, String message) {
            state = s;
            listener.onStatus(new TeachStatus(s, saved.size(), wanted, levelDbfs, seconds(), message));
        }

        double seconds() {
            return frames * ExampleCutter.FRAME / (double) FrontEndParams.SAMPLE_RATE_HZ;
        }

        Example save(String label, String stem, float[] samples, long startSample, long soundSamples) {
            Path file = dataset.save(label, stem, samples);
            double peak = EnergyGate.MIN_LEVEL_DBFS;
            for (int i = 0; i + ExampleCutter.FRAME <= samples.length; i += ExampleCutter.FRAME) {
                peak = Math.max(peak, EnergyGate.levelDbfs(samples, i, ExampleCutter.FRAME));
            }
            double rate = FrontEndParams.SAMPLE_RATE_HZ;
            Example e = new Example(saved.size() + 1, file, startSample / rate, samples.length / rate,
                    soundSamples / rate, peak);
            saved.add(e);
            listener.onExample(e);
            return e;
        }
    }

    private final class ExamplesJob extends Job {
        private final String label;
        private final GateTimeline timeline;
        private final ExampleCutter cutter;
        private int tooShortSeen;

        ExamplesJob(String label, int count, GateTimeline timeline, TeachListener listener) {
            super(count, listener);
            this.label = label;
            this.timeline = timeline;
            this.cutter = new ExampleCutter(cut, timeline.hangoverFrames());
        }

        @Override
        String label() {
            return label;
        }

        @Override
        void started(SourceFormat format) {
            status(TeachState.SETTLING, "listening: " + format.description() + "; gate " + gate.mode().cliName());
        }

        @Override
        boolean frame(float[] frame) {
            timeline.accept(frame, 0, frame.length);
            ExampleCutter.Cut c = cutter.accept(frame, 0, timeline.isOpen());
            frames++;
            if (c != null) {
                save(label, label, c.samples(), c.startSample(), c.soundEndSample() - c.soundStartSample());
                if (saved.size() == wanted) {
                    return true;
                }
            }
            if (cutter.tooShort() > tooShortSeen) {
                tooShortSeen = cutter.tooShort();
                status(cutter.state(), String.format(Locale.ROOT, "too short (%.2f s), ignored; %s",
                        cutter.lastTooShortSeconds(), waiting()));
            } else if (cutter.state() != state || c != null) {
                status(cutter.state(), switch (cutter.state()) {
                    case WAITING -> waiting();
                    case HEARING -> String.format(Locale.ROOT, "hearing a sound (%.1f dBFS)", levelOf(frame));
                    case WAITING_FOR_QUIET -> c != null ? String.format(Locale.ROOT,
                            "cut at the longest sound (%s s); waiting for quiet", Bounds.format(cut.maxSoundSeconds()))
                            : "a sound is going on; waiting for quiet first";
                    default -> cutter.state().words();
                });
            }
            level(frame);
            return false;
        }

        private String waiting() {
            return "waiting for a sound (" + label + " " + (saved.size() + 1) + " of " + wanted + ")";
        }

        @Override
        int tooShort() {
            return cutter.tooShort();
        }

        @Override
        void interrupted() {
            cutter.interrupt();
        }
    }

    private static double levelOf(float[] frame) {
        return EnergyGate.levelDbfs(frame, 0, frame.length);
    }

    private final class BackgroundJob extends Job {
        private final double seconds;
        private final long totalFrames;
        private final long[] pieceEnds;
        private float[] piece = new float[0];
        private int pieceLength;
        private long pieceStart;

        BackgroundJob(double seconds, TeachListener listener) {
            super((int) Math.max(1, Math.round(seconds / BACKGROUND_PIECE_SECONDS)), listener);
            this.seconds = seconds;
            totalFrames = Math.round(seconds * FrontEndParams.SAMPLE_RATE_HZ / ExampleCutter.FRAME);
            // equal pieces, so that the last is not a scrap
            pieceEnds = new long[wanted];
            for (int i = 0; i < wanted; i++) {
                pieceEnds[i] = Math.round(totalFrames * (i + 1) / (double) wanted) * ExampleCutter.FRAME;
            }
        }

        @Override
        String label() {
            return null;
        }

        @Override
        void started(SourceFormat format) {
            status(TeachState.RECORDING, "listening: " + format.description() + "; recording "
                    + Bounds.format(seconds) + " s of background in " + wanted + " piece" + (wanted == 1 ? "" : "s"));
        }

        @Override
        boolean frame(float[] frame) {
            if (pieceLength + frame.length > piece.length) {
                piece = Arrays.copyOf(piece, Math.max(pieceLength + frame.length, Math.max(16_000, piece.length * 2)));
            }
            System.arraycopy(frame, 0, piece, pieceLength, frame.length);
            pieceLength += frame.length;
            frames++;
            long end = frames * ExampleCutter.FRAME;
            if (end >= pieceEnds[saved.size()]) {
                save(null, BACKGROUND_STEM, Arrays.copyOf(piece, pieceLength), pieceStart, pieceLength);
                pieceStart = end;
                pieceLength = 0;
                if (saved.size() == wanted) {
                    return true;
                }
            }
            level(frame);
            return false;
        }

        @Override
        int tooShort() {
            return 0;
        }

        @Override
        void interrupted() {
            // the background is whatever was heard: a gap is no reason to give a piece up
        }
    }

    private Take run(Job job) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("teacher closed");
            }
            open = source;
        }
        SourceFormat format = source.open();
        Capture capture = null;
        Thread captureThread = null;
        DropOldestQueue queue = null;
        Take.Ending ending = Take.Ending.SOURCE_ENDED;
        double dropped = 0;
        try {
            int rate = format.sampleRateHz();
            Resampler resampler = rate == FrontEndParams.SAMPLE_RATE_HZ ? null
                    : new Resampler(rate, FrontEndParams.SAMPLE_RATE_HZ);
            if (source.realtime()) {
                queue = new DropOldestQueue(Math.max(1, Math.round(queueSeconds * Math.max(rate,
                        FrontEndParams.SAMPLE_RATE_HZ))));
                capture = new Capture(source, queue, rate, durationSeconds > 0
                        ? Math.round(durationSeconds * rate) : Long.MAX_VALUE);
                captureThread = new Thread(capture, "hark-teach-capture");
                captureThread.setDaemon(true);
                captureThread.setPriority(Thread.MAX_PRIORITY);
            }
            job.started(format);
            if (captureThread != null) {
                captureThread.start();
            }
            long limitFrames = durationSeconds > 0
                    ? Math.round(durationSeconds * FrontEndParams.SAMPLE_RATE_HZ / ExampleCutter.FRAME) : Long.MAX_VALUE;
            Framer framer = new Framer();
            long droppedSaidNanos = System.nanoTime() - 2_000_000_000L;
            float[] buf = new float[(int) Math.ceil(rate * READ_SECONDS)];
            boolean done = false;
            while (!done) {
                if (stopRequested) {
                    ending = Take.Ending.STOPPED;
                    break;
                }
                float[] x;
                if (queue != null) {
                    AudioChunk c = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (c == null) {
                        if (queue.isDrained()) {
                            break;
                        }
                        continue;
                    }
                    if (queue.droppedSeconds() > dropped) {
                        dropped = queue.droppedSeconds();
                        job.interrupted();
                        long now = System.nanoTime();
                        if (now - droppedSaidNanos > 1_000_000_000L) { // said at most once a second
                            droppedSaidNanos = now;
                            job.status(job.state, String.format(Locale.ROOT,
                                    "processing fell behind: %.2f s of audio dropped so far", dropped));
                        }
                    }
                    x = c.samples();
                } else {
                    int n = source.read(buf, 0, buf.length);
                    if (n < 0) {
                        break;
                    }
                    x = Arrays.copyOf(buf, n);
                }
                float[] y = resampler == null ? x : resampler.process(x, 0, x.length);
                done = framer.feed(y, frame -> {
                    if (job.frame(frame)) {
                        return true;
                    }
                    return job.frames >= limitFrames;
                });
                if (done) {
                    ending = job.saved.size() >= job.wanted ? Take.Ending.DONE : Take.Ending.DURATION;
                }
            }
            if (capture != null && capture.failure != null && ending == Take.Ending.SOURCE_ENDED) {
                throw capture.failure;
            }
            if (capture != null && capture.reachedLimit && ending == Take.Ending.SOURCE_ENDED) {
                ending = Take.Ending.DURATION;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ending = Take.Ending.STOPPED;
        } catch (IOException e) {
            throw new BadInputException(e.getMessage(), e);
        } finally {
            if (capture != null) {
                capture.stop = true;
            }
            joinCapture(captureThread);
            source.close();
            open = null;
        }
        job.status(job.saved.size() >= job.wanted ? TeachState.DONE : TeachState.STOPPED, summary(job, ending));
        return new Take(job.label(), job.saved, job.wanted, ending, job.seconds(), dropped, job.tooShort());
    }

    private static String summary(Job job, Take.Ending ending) {
        String what = job.label() == null ? "background pieces" : "examples of " + job.label();
        String why = switch (ending) {
            case DONE -> "done";
            case STOPPED -> "stopped";
            case DURATION -> "the duration limit was reached";
            case SOURCE_ENDED -> "the audio ended";
        };
        return String.format(Locale.ROOT, "%s: %d of %d %s saved after %.1f s of audio", why, job.saved.size(),
                job.wanted, what, job.seconds());
    }

    private void joinCapture(Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(1000);
            if (t.isAlive()) {
                source.close(); // a read stuck on a dead device
                t.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cuts 16 kHz audio into gate frames, keeping the remainder for the next call. */
    private static final class Framer {
        private final float[] frame = new float[ExampleCutter.FRAME];
        private int length;

        interface FrameSink {
            /** Returns true to stop. */
            boolean accept(float[] frame);
        }

        boolean feed(float[] y, FrameSink sink) {
            int i = 0;
            while (i < y.length) {
                int n = Math.min(y.length - i, frame.length - length);
                System.arraycopy(y, i, frame, length, n);
                length += n;
                i += n;
                if (length == frame.length) {
                    length = 0;
                    if (sink.accept(frame.clone())) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /**
     * The capture thread: reads and enqueues, nothing else, up to the duration limit (so that a source faster than
     * real time, a virtual microphone, is read no further than asked); a lost device ends the take.
     */
    private static final class Capture implements Runnable {
        private final AudioSource source;
        private final DropOldestQueue queue;
        private final int rate;
        private final long limitSamples;
        volatile boolean stop;
        volatile boolean reachedLimit;
        volatile RuntimeException failure;

        Capture(AudioSource source, DropOldestQueue queue, int rate, long limitSamples) {
            this.source = source;
            this.queue = queue;
            this.rate = rate;
            this.limitSamples = limitSamples;
        }

        @Override
        public void run() {
            float[] buf = new float[(int) Math.ceil(rate * READ_SECONDS)];
            long position = 0;
            try {
                while (!stop) {
                    if (position >= limitSamples) {
                        reachedLimit = true;
                        break;
                    }
                    int n = source.read(buf, 0, (int) Math.min(buf.length, limitSamples - position));
                    if (n < 0) {
                        break;
                    }
                    if (n > 0) {
                        queue.offer(new AudioChunk(position, Arrays.copyOf(buf, n), rate));
                        position += n;
                    }
                }
            } catch (IOException e) {
                if (!stop) {
                    failure = new BadInputException(e.getMessage() + "; the examples saved so far are kept", e);
                }
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                queue.close();
            }
        }
    }
}
