package dev.hark.serve.teach;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.config.Bounds;
import dev.hark.config.listen.GateSettings;
import dev.hark.core.dataset.DatasetFolder;
import dev.hark.errors.BadInputException;
import dev.hark.live.teach.Example;
import dev.hark.live.teach.StreamTap;
import dev.hark.live.teach.Take;
import dev.hark.live.teach.TeachListener;
import dev.hark.live.teach.TeachStatus;
import dev.hark.live.teach.Teacher;
import dev.hark.models.train.BundleTraining;
import dev.hark.models.train.ClipFeaturizer;
import dev.hark.models.train.Featurizers;
import dev.hark.models.train.HeadRecipe;
import dev.hark.serve.sink.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@code hark serve}'s page teaches with: examples of a label and background recorded from the detector's own
 * stream ({@link StreamTap}: the microphone is not opened twice) by a {@link Teacher}, trimmed as {@code hark teach}
 * trims them, into the teaching folder; a head trained on that folder ({@link BundleTraining}, as {@code hark teach
 * --train}) into {@code taught.hark}. One job at a time runs on its own thread; {@link #folder()} says what the
 * folder holds and how the job goes, for the page to poll.
 */
public final class Teaching implements AutoCloseable {
    /** The most examples one request records from the page. */
    public static final int MAX_EXAMPLES = 50;
    /** The longest background one request records from the page. */
    public static final double MAX_BACKGROUND_SECONDS = 600;
    /** The label under which the page lists the background. */
    public static final String BACKGROUND = DatasetFolder.NEGATIVES;

    private final Path dir;
    private final DatasetFolder folder;
    private final Path bundle;
    private final String model;
    private final GateSettings gate;
    private final StreamTap tap;
    private final Consumer<String> log;
    private final Object lock = new Object();
    private Job job;
    private Thread worker;
    private Teacher teacher;
    private boolean closed;

    /**
     * @param dir the teaching folder ({@code DIR/LABEL/*.wav}, background in {@code DIR/_negative/})
     * @param bundle where the trained head is written
     * @param model the detector's embedding model (the head is trained on its features)
     * @param gate the activity gate that hears where each example starts and ends
     * @param tap the detector's stream (added to the detector as a listener)
     */
    public Teaching(Path dir, Path bundle, String model, GateSettings gate, StreamTap tap, Consumer<String> log) {
        this.dir = Objects.requireNonNull(dir);
        this.folder = new DatasetFolder(dir);
        this.bundle = Objects.requireNonNull(bundle);
        this.model = Objects.requireNonNull(model);
        this.gate = Objects.requireNonNull(gate);
        this.tap = Objects.requireNonNull(tap);
        this.log = Objects.requireNonNull(log);
    }

    /** The teaching folder. */
    public Path dir() {
        return dir;
    }

    /** Where the trained head is written. */
    public Path bundle() {
        return bundle;
    }

    /** Records {@code count} examples of {@code label} from the stream (in the background); returns the job. */
    public ObjectNode recordExamples(String label, int count) {
        DatasetFolder.checkLabel(label, "label");
        if (label.equals(BACKGROUND)) {
            throw new BadInputException("label " + BACKGROUND + " is the background's folder: record it as background");
        }
        Bounds.check("count", count, 1, MAX_EXAMPLES);
        folder.checkWritable(label);
        return start(new Job("examples", label, count), t -> t.examples(label, count, listener()));
    }

    /** Records {@code seconds} of background from the stream into {@code _negative} (in the background). */
    public ObjectNode recordBackground(double seconds) {
        Bounds.check("seconds", seconds, 1.0, MAX_BACKGROUND_SECONDS);
        folder.checkWritable(null);
        int pieces = (int) Math.max(1, Math.round(seconds / Teacher.BACKGROUND_PIECE_SECONDS));
        return start(new Job("background", null, pieces), t -> t.background(seconds, listener()));
    }

    /** Trains a head on the teaching folder into {@link #bundle()} (in the background); returns the job. */
    public ObjectNode train() {
        BundleTraining.Shortfall s = BundleTraining.shortfall(folder);
        if (s != null) {
            throw new BadInputException(tooLittle(s));
        }
        Job j = new Job("train", null, 0);
        synchronized (lock) {
            checkIdle();
            job = j;
            worker = new Thread(() -> runTraining(j), "hark-teach-train");
            worker.setDaemon(true);
            worker.start();
        }
        return j.json();
    }

    /** The reason, in the page's words, that a folder short of {@code s} cannot be trained on. */
    private String tooLittle(BundleTraining.Shortfall s) {
        return s == BundleTraining.Shortfall.NO_SOUND
                ? "too little data to train: no sound taught yet in " + dir + ", only background; record examples "
                        + "of a label first"
                : "too little data to train: one sound (" + folder.labels().get(0) + ") and no background in " + dir
                        + "; record the background or examples of another label, then train";
    }

    /** Ends the recording in progress (what was saved stays); a training runs to its end. */
    public ObjectNode stop() {
        synchronized (lock) {
            if (teacher != null) {
                teacher.stop();
            }
            return job == null ? Json.object() : job.json();
        }
    }

    private interface Recording {
        Take run(Teacher t);
    }

    private ObjectNode start(Job j, Recording r) {
        if (tap.ended()) {
            throw new BadInputException("the detector has stopped: there is no audio to record");
        }
        synchronized (lock) {
            checkIdle();
            Teacher t = Teacher.builder().source(tap).dataset(dir).gate(gate).build();
            job = j;
            teacher = t;
            worker = new Thread(() -> runRecording(j, t, r), "hark-teach-record");
            worker.setDaemon(true);
            worker.start();
        }
        return j.json();
    }

    private void checkIdle() {
        if (closed) {
            throw new IllegalStateException("teaching closed");
        }
        if (job != null && !job.finished()) {
            throw new BadInputException((job.kind.equals("train") ? "a training" : "a recording")
                    + " is going on: wait for it, or stop it first");
        }
    }

    private TeachListener listener() {
        return new TeachListener() {
            @Override
            public void onStatus(TeachStatus s) {
                Job j = current();
                if (j != null) {
                    j.status(s);
                }
            }

            @Override
            public void onExample(Example e) {
                Job j = current();
                if (j != null) {
                    j.saved(e);
                }
            }
        };
    }

    private Job current() {
        synchronized (lock) {
            return job;
        }
    }

    private void runRecording(Job j, Teacher t, Recording r) {
        try (t) {
            Take take = r.run(t);
            j.finish(take.complete() ? "done" : "stopped", null);
        } catch (RuntimeException e) {
            j.finish("failed", message(e));
            log.accept("teaching: " + message(e));
        } finally {
            synchronized (lock) {
                teacher = null;
            }
        }
    }

    private void runTraining(Job j) {
        try (ClipFeaturizer f = Featurizers.open(model, 0, 1)) {
            BundleTraining.Taught taught = BundleTraining.teachingFolder(dir, f, null, 1, HeadRecipe.defaults(),
                    bundle, String.valueOf(Teaching.class.getPackage().getImplementationVersion()), j::line,
                    j::progress);
            j.estimate(taught.estimate().accuracy(), taught.trained().classes());
            j.finish("done", null);
            log.accept("teaching: trained " + bundle + " on " + taught.trained().features().clips().size()
                    + " clips");
        } catch (RuntimeException e) {
            j.finish("failed", message(e));
            log.accept("teaching: training failed: " + message(e));
        }
    }

    private static String message(RuntimeException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** What the folder holds (labels with their examples, the background), the trained head, and the last job. */
    public ObjectNode folder() {
        ObjectNode o = Json.object();
        o.put("dir", dir.toString());
        ArrayNode labels = o.putArray("labels");
        for (String l : folder.labels()) {
            labels.add(entry(l, folder.clips(l)));
        }
        o.set("background", entry(BACKGROUND, folder.clips(null)));
        BundleTraining.Shortfall s = BundleTraining.shortfall(folder);
        o.put("can_train", s == null);
        o.put("cannot_train_because", s == null ? null : tooLittle(s));
        o.put("bundle", Files.isRegularFile(bundle) ? bundle.toString() : null);
        Job j = current();
        o.set("job", j == null ? null : j.json());
        return o;
    }

    private ObjectNode entry(String label, List<Path> clips) {
        ObjectNode n = Json.object();
        n.put("name", label);
        n.put("count", clips.size());
        ArrayNode a = n.putArray("examples");
        for (Path p : clips) {
            a.add(dir.relativize(p).toString().replace('\\', '/'));
        }
        return n;
    }

    /**
     * The example at {@code relative} (as {@link #folder()} lists it: {@code LABEL/NAME.wav}) inside the folder.
     *
     * @throws BadInputException for a name outside the folder or not an audio file there
     */
    public Path example(String relative) {
        Path root = dir.toAbsolutePath().normalize();
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root) || p.equals(root) || !Files.isRegularFile(p)
                || !dev.hark.core.dataset.Dataset.isAudioFile(p)) {
            throw new BadInputException("no example '" + relative + "' in the teaching folder");
        }
        return p;
    }

    /** Ends a recording in progress and waits a little for the job's thread; idempotent. */
    @Override
    public void close() {
        Thread w;
        synchronized (lock) {
            closed = true;
            if (teacher != null) {
                teacher.stop();
            }
            w = worker;
        }
        tap.close();
        if (w != null) {
            try {
                w.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One job (a recording or a training) and how it goes; updated by its thread, read by the API's. */
    static final class Job {
        final String kind;
        final String label;
        final int wanted;
        private final List<String> saved = new ArrayList<>();
        private final List<String> lines = new ArrayList<>();
        private String state = "starting";
        private String message;
        private double levelDbfs = Double.NaN;
        private double audioSeconds;
        private int done;
        private int total;
        private double estimate = Double.NaN;
        private List<String> classes = List.of();
        private String error;
        private boolean finished;

        Job(String kind, String label, int wanted) {
            this.kind = kind;
            this.label = label;
            this.wanted = wanted;
        }

        synchronized void status(TeachStatus s) {
            // A job ends (done or stopped, and finished) in finish, when its recording returns: taken from the
            // teacher's last status, "done" would show for a moment on a job that is not finished yet.
            if (!s.state().last()) {
                state = s.state().words();
            }
            levelDbfs = s.levelDbfs();
            audioSeconds = s.audioSeconds();
            if (s.message() != null) {
                message = s.message();
            }
        }

        synchronized void saved(Example e) {
            saved.add(e.file().getParent().getFileName() + "/" + e.file().getFileName());
        }

        synchronized void line(String l) {
            lines.add(l);
            message = l;
        }

        synchronized void progress(int d, int t) {
            done = d;
            total = t;
            state = "features";
            message = "features: " + d + " of " + t + " clips";
        }

        synchronized void estimate(double accuracy, List<String> c) {
            estimate = accuracy;
            classes = List.copyOf(c);
        }

        synchronized void finish(String how, String failure) {
            state = how;
            error = failure;
            finished = true;
            if (failure != null) {
                message = failure;
            }
        }

        synchronized boolean finished() {
            return finished;
        }

        synchronized ObjectNode json() {
            ObjectNode o = Json.object();
            o.put("kind", kind);
            o.put("label", label);
            o.put("state", state);
            o.put("finished", finished);
            o.put("message", message);
            o.put("error", error);
            if (!kind.equals("train")) {
                o.put("wanted", wanted);
                o.put("saved", saved.size());
                saved.forEach(o.putArray("files")::add);
                Json.put(o, "level_dbfs", levelDbfs);
                Json.put(o, "audio_seconds", audioSeconds);
            } else {
                o.put("clips_done", done);
                o.put("clips_total", total);
                lines.forEach(o.putArray("lines")::add);
                Json.put(o, "estimate", estimate);
                classes.forEach(o.putArray("classes")::add);
            }
            return o;
        }
    }
}
