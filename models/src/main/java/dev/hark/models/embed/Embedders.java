package dev.hark.models.embed;

import dev.hark.config.ModelDefaults;
import dev.hark.errors.BadInputException;
import dev.hark.errors.ModelException;
import dev.hark.models.catalog.KnownModel;
import dev.hark.models.catalog.LocatedFile;
import dev.hark.models.catalog.ModelCatalog;
import dev.hark.models.catalog.ModelFile;
import dev.hark.models.catalog.ModelLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Opens embedders by what a user types after {@code --model}: {@code yamnet} (the default, packed into the
 * jar), {@code vggish} (imported into the user model directory), or the path of an {@code .onnx} file.
 */
public final class Embedders {
    private Embedders() {
    }

    /** Threads for offline work: every core. */
    public static int allCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Opens the model {@code spec} names.
     *
     * @param spec    {@code yamnet}, {@code vggish} or a path to an ONNX graph
     * @param threads ONNX Runtime threads, 0 to {@link ModelDefaults#MAX_THREADS}; 0 means all cores (offline); use 1
     *                for live listening
     * @throws BadInputException   when {@code threads} is out of range (checked before any model is opened)
     * @throws ModelException      when a model file is missing, corrupt, unloadable or of the wrong shape
     * @throws BadInputException   when {@code spec} is neither a known name nor an existing file
     */
    public static Embedder open(String spec, int threads) {
        threads(threads); // checked before anything is opened; the overloads below map 0 to every core
        OnnxEmbedders.prefetchRuntime();
        Optional<KnownModel> known = ModelCatalog.byName(spec.trim());
        if (known.isPresent()) {
            return openKnown(known.get(), threads);
        }
        Path p;
        try {
            p = Path.of(spec);
        } catch (java.nio.file.InvalidPathException e) {
            throw new BadInputException("bad model name or path '" + spec + "': " + e.getReason(), e);
        }
        if (Files.exists(p) || spec.toLowerCase(Locale.ROOT).endsWith(".onnx") || spec.contains("/")
                || spec.contains("\\")) {
            return open(p, threads);
        }
        throw new BadInputException("unknown model '" + spec + "': use yamnet, vggish or the path of an .onnx file");
    }

    /**
     * Starts opening the model {@code spec} names on a daemon thread and returns at once; see {@link EmbedderOpening}.
     *
     * @throws BadInputException when {@code threads} is out of range (checked here, before anything starts)
     */
    public static EmbedderOpening openInBackground(String spec, int threads) {
        threads(threads);
        OnnxEmbedders.prefetchRuntime();
        return new EmbedderOpening(spec, threads);
    }

    /** The ONNX Runtime thread count of {@code threads} ({@link ModelDefaults#checkThreads}; 0: every core). */
    private static int threads(int threads) {
        ModelDefaults.checkThreads("threads", threads);
        return threads == ModelDefaults.ALL_CORES ? allCores() : threads;
    }

    /** Opens a known model from the catalogue, its files found and checked by {@link ModelLocator}. */
    public static Embedder openKnown(KnownModel model, int threads) {
        int t = threads(threads);
        OnnxEmbedders.prefetchRuntime();
        LocatedFile graph = ModelLocator.locate(model, model.graph());
        // The check (the SHA-256, or the CRC-32 of the packed copy) runs on a second thread while ONNX Runtime
        // loads the graph, and the embedder is handed out only once it matched: a cold start pays the longer of the
        // two, not both.
        FutureTask<Boolean> intact = new FutureTask<>(graph::usable);
        Thread hasher = new Thread(intact, "hark-model-checksum");
        hasher.setDaemon(true);
        hasher.start();
        OnnxSource source = graph.path() != null ? OnnxSource.of(graph.path()) : OnnxSource.of(graph.bytes(),
                graph.location());
        Embedder e;
        try {
            e = model == ModelCatalog.YAMNET ? YamnetEmbedder.open(source, model.name(), yamnetLabels(), t)
                    : VggishEmbedder.open(source, model.name(), t);
        } catch (RuntimeException loadFailed) {
            ModelLocator.checkUsable(graph); // a damaged file is named as damaged, not as unloadable
            throw loadFailed;
        }
        try {
            if (!await(intact)) {
                ModelLocator.checkUsable(graph);
            }
        } catch (RuntimeException corrupt) {
            e.close();
            throw corrupt;
        }
        return e;
    }

    private static boolean await(FutureTask<Boolean> check) {
        try {
            return check.get();
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while checking the model file", ie);
        } catch (ExecutionException ee) {
            if (ee.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new ModelException("cannot check the model file: " + ee.getCause(), ee.getCause());
        }
    }

    /**
     * Opens a user's ONNX graph: a YAMNet graph (labels from a {@code yamnet_class_map.csv} beside it, else
     * the catalogue's) or a VGGish-shaped one. A file named like a catalogue file (e.g. {@code yamnet.onnx})
     * must have the catalogue's checksum, so a damaged copy is refused rather than giving wrong numbers.
     */
    public static Embedder open(Path onnx, int threads) {
        int t = threads(threads);
        OnnxEmbedders.prefetchRuntime();
        if (!Files.isRegularFile(onnx)) {
            throw new ModelException("model file " + onnx + (Files.isDirectory(onnx) ? " is a directory, not an .onnx file"
                    : " not found"));
        }
        String fileName = onnx.getFileName().toString();
        Optional<ModelFile> pinned = ModelCatalog.fileNamed(fileName).filter(ModelFile::pinned);
        if (pinned.isPresent()) {
            ModelLocator.checkIntact(LocatedFile.onDisk(pinned.get(), onnx));
        }
        String name = fileName.toLowerCase(Locale.ROOT).endsWith(".onnx")
                ? fileName.substring(0, fileName.length() - 5) : fileName;
        return OnnxEmbedders.openAny(OnnxSource.of(onnx), name, () -> labelsBeside(onnx), t);
    }

    private static List<String> labelsBeside(Path onnx) {
        Path dir = onnx.toAbsolutePath().getParent();
        Path csv = dir == null ? null : dir.resolve(ModelCatalog.YAMNET.labelFile());
        if (csv != null && Files.isRegularFile(csv)) {
            return ClassMap.displayNames(ModelLocator.readFile(csv), csv.toString());
        }
        return yamnetLabels();
    }

    /** YAMNet's 521 AudioSet display names, from the catalogue's class map. */
    public static List<String> yamnetLabels() {
        KnownModel m = ModelCatalog.YAMNET;
        LocatedFile csv = ModelLocator.require(m, m.file(m.labelFile()).orElseThrow());
        return ClassMap.displayNames(csv.bytes(), csv.location());
    }
}
