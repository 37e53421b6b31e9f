package dev.hark.models.catalog;

import dev.hark.errors.ModelException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a known model's files at run time. Places, first match wins:
 * <ol>
 *   <li>the user model directory ({@link UserModelDir}), file name as in the catalogue;</li>
 *   <li>the directory named by the system property {@value #DIR_PROPERTY}, in a sub-folder named after the
 *       model (the layout of {@code ../shared/models});</li>
 *   <li>the copy the build packed into the models jar, resource {@code dev/hark/models/<model>/<file>}.</li>
 * </ol>
 * A file found in a place but corrupt (SHA-256 differs from the catalogue's) is refused, not skipped.
 */
public final class ModelLocator {
    /** Optional run-time directory laid out like {@code ../shared/models}. */
    public static final String DIR_PROPERTY = "hark.models.dir";

    private ModelLocator() {
    }

    /** Every place looked at for {@code file} of {@code model}, in search order, for messages. */
    public static List<String> placesFor(KnownModel model, ModelFile file) {
        List<String> places = new ArrayList<>();
        places.add(UserModelDir.resolve().resolve(file.fileName()).toString());
        Path dir = propertyDir();
        if (dir != null) {
            places.add(dir.resolve(model.name()).resolve(file.fileName()).toString());
        }
        places.add("jar:" + resourceName(model, file));
        return places;
    }

    static String resourceName(KnownModel model, ModelFile file) {
        return PACKED_PREFIX + model.name() + "/" + file.fileName();
    }

    /** Where the build packs the models' files in the jar. */
    private static final String PACKED_PREFIX = "dev/hark/models/";

    private static Path propertyDir() {
        String p = System.getProperty(DIR_PROPERTY);
        return p == null || p.isBlank() ? null : Path.of(p);
    }

    /**
     * Finds {@code file} (a packed copy is read; a file on disk only when used), without judging its checksum.
     *
     * @return empty when it is in none of the places
     * @throws ModelException when a file exists but cannot be read
     */
    public static Optional<LocatedFile> find(KnownModel model, ModelFile file) {
        List<Path> paths = new ArrayList<>();
        paths.add(UserModelDir.resolve().resolve(file.fileName()));
        Path dir = propertyDir();
        if (dir != null) {
            paths.add(dir.resolve(model.name()).resolve(file.fileName()));
        }
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                return Optional.of(LocatedFile.onDisk(file, p));
            }
        }
        String res = resourceName(model, file);
        LocatedFile prefetched = prefetched(res);
        if (prefetched != null) {
            return Optional.of(prefetched);
        }
        try {
            return Optional.ofNullable(packed(model, file));
        } catch (IOException | UncheckedIOException e) {
            throw new ModelException("cannot read packed model file " + res + ": " + e.getMessage(), e);
        }
    }

    private static LocatedFile packed(KnownModel model, ModelFile file) throws IOException {
        return PackedCopy.find(ModelLocator.class.getClassLoader(), file, PACKED_PREFIX,
                model.name() + "/" + file.fileName());
    }

    /** Packed files being read ahead by {@link #prefetchPacked}, by resource name; each is taken once. */
    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.FutureTask<LocatedFile>>
            PREFETCHED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Starts finding the copy of {@code file} packed into the jar on a daemon thread (checking its copy unpacked
     * beside the jar, else inflating it out of the jar), so that a cold start does it while it parses its command
     * line; the next {@link #find} of that file that reaches the packed copy takes it instead of looking again (a
     * file found on disk first leaves it unused). Does nothing when no copy is packed; a failed read is left for
     * {@link #find} to do and report.
     */
    public static void prefetchPacked(KnownModel model, ModelFile file) {
        String res = resourceName(model, file);
        java.util.concurrent.FutureTask<LocatedFile> task = new java.util.concurrent.FutureTask<>(() -> {
            LocatedFile f = packed(model, file);
            if (f != null && f.path() == null) {
                f.crc32(); // read ahead too: the check of the copy in memory
            }
            return f;
        });
        if (PREFETCHED.putIfAbsent(res, task) == null) {
            Thread t = new Thread(task, "hark-model-prefetch");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The copy {@link #prefetchPacked} found for {@code res} (taken: a second call looks anew), or null. */
    private static LocatedFile prefetched(String res) {
        java.util.concurrent.FutureTask<LocatedFile> task = PREFETCHED.remove(res);
        if (task == null) {
            return null;
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return null; // read again, where a failure is reported
        }
    }

    /**
     * Finds, reads and checks {@code file}.
     *
     * @throws ModelException naming the file, the places looked in and how to get it when it is missing;
     *                        naming the location and both checksums when it is corrupt
     */
    public static LocatedFile require(KnownModel model, ModelFile file) {
        LocatedFile f = locate(model, file);
        checkUsable(f);
        return f;
    }

    /**
     * Finds {@code file} without checking it (the caller checks it with {@link #checkUsable}, perhaps while it
     * does other work).
     *
     * @throws ModelException naming the file, the places looked in and how to get it when it is missing
     */
    public static LocatedFile locate(KnownModel model, ModelFile file) {
        return find(model, file).orElseThrow(() -> new ModelException(
                "model file " + file.fileName() + " (" + model.name() + ") not found; looked in "
                        + String.join(", ", placesFor(model, file)) + "; to get it: " + file.howToGet()));
    }

    /** Throws a ModelException, as {@link #checkIntact} does, when {@code f} is not {@link LocatedFile#usable()}. */
    public static void checkUsable(LocatedFile f) {
        if (!f.usable()) {
            checkIntact(f);
        }
    }

    /** Throws a ModelException when {@code f} does not match its catalogue checksum. */
    public static void checkIntact(LocatedFile f) {
        if (!f.intact()) {
            throw new ModelException("model file " + f.location() + " is corrupt: its sha256 is " + f.sha256()
                    + ", expected " + f.file().sha256() + "; delete or replace it (to get it: " + f.file().howToGet()
                    + ")");
        }
    }

    /** Reads a file the user named, as a ModelException when it cannot be read. */
    public static byte[] readFile(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException | UncheckedIOException e) {
            throw new ModelException("cannot read model file " + p + ": " + e.getMessage(), e);
        }
    }
}
