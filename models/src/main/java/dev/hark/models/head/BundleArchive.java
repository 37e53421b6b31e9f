package dev.hark.models.head;

import dev.hark.errors.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The two entries of a {@code .hark} zip ({@code metadata.json} and {@code head.onnx}), read as untrusted input: the file size, the entry count and names and
 * every entry's declared size are checked before anything is inflated, and inflating stops at the cap whatever the
 * entry declared. A bundle breaking a rule is a {@link ModelException} naming the file and the rule.
 *
 * @param metadata the bytes of {@code metadata.json}
 * @param head the bytes of {@code head.onnx}
 */
record BundleArchive(byte[] metadata, byte[] head) {
    static final String METADATA = "metadata.json";
    static final String HEAD = "head.onnx";
    /** The entry of format 1 bundles (Java serialisation), recognised only to say so. */
    static final String OLD_MODEL = "model.ser";
    /** Largest {@code metadata.json}: labels, feature settings, options and a summary are a few KB. */
    static final long MAX_METADATA_BYTES = 1L << 20;
    /**
     * Largest {@code head.onnx}: the graph's weights in float64. A k-NN head stores its training rows (ESC-50 dev,
     * every patch of 1,600 clips: 16,000 rows of 1,024 values, 131 MB); the cap leaves room for bigger data sets.
     */
    static final long MAX_MODEL_BYTES = 512L << 20;
    /** A bundle is a zip of exactly these two entries; room for the zip's own headers on top. */
    static final long MAX_FILE_BYTES = MAX_METADATA_BYTES + MAX_MODEL_BYTES + (1L << 20);

    /** Reads {@code file}'s entries, refusing it (naming it) when it breaks a size or layout rule. */
    static BundleArchive read(Path file) {
        String where = "classifier " + file + ": ";
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ModelException(where + "file of " + mib(size) + " is larger than a .hark bundle may be ("
                        + mib(MAX_FILE_BYTES) + ")");
            }
            try (ZipFile zip = new ZipFile(file.toFile())) {
                if (zip.size() <= 3 && zip.getEntry(OLD_MODEL) != null) {
                    throw new ModelException(where + Bundle.OLD_FORMAT);
                }
                if (zip.size() != 2) {
                    throw new ModelException(where + "not a .hark bundle: " + zip.size() + " zip entries, expected "
                            + METADATA + " and " + HEAD);
                }
                byte[] meta = null;
                byte[] model = null;
                for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
                    ZipEntry e = en.nextElement();
                    if (METADATA.equals(e.getName()) && meta == null) {
                        meta = entry(zip, e, MAX_METADATA_BYTES, where);
                    } else if (HEAD.equals(e.getName()) && model == null) {
                        model = entry(zip, e, MAX_MODEL_BYTES, where);
                    } else {
                        throw new ModelException(where + "not a .hark bundle: unexpected zip entry '"
                                + printable(e.getName()) + "' (expected " + METADATA + " and " + HEAD + ")");
                    }
                }
                return new BundleArchive(meta, model);
            }
        } catch (IOException e) {
            throw new ModelException(where + "not a readable .hark bundle (" + Bundle.reason(e) + ")", e);
        }
    }

    /** The entry's bytes: its declared size at most {@code cap}, and exactly that many bytes inflated. */
    private static byte[] entry(ZipFile zip, ZipEntry e, long cap, String where) throws IOException {
        long declared = e.getSize();
        if (declared < 0 || declared > cap) {
            throw new ModelException(where + e.getName() + " declares " + (declared < 0 ? "no size" : mib(declared))
                    + ", more than the " + mib(cap) + " a bundle may hold");
        }
        byte[] out = new byte[(int) declared];
        try (InputStream in = zip.getInputStream(e)) {
            int n = in.readNBytes(out, 0, out.length);
            if (n != declared || in.read() != -1) {
                throw new ModelException(where + e.getName() + " inflates to " + (n < declared ? n + " bytes" : "more")
                        + " but declares " + declared + " bytes: corrupt or tampered zip");
            }
        }
        return out;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** A zip entry name cut to 80 characters with control characters replaced, fit for a one-line message. */
    private static String printable(String s) {
        String t = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
