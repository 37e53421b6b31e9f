package dev.hark.spark;

import dev.hark.core.audio.AudioFiles;
import dev.hark.errors.HarkException;
import dev.hark.errors.ModelException;
import dev.hark.models.catalog.Sha256;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Reads one input file on an executor: its bytes through Hadoop's file systems (local, HDFS, S3 with the connector),
 * their sha256, and its 16 kHz mono samples, decoded by Hark's own {@link AudioFiles} (a local file in place, any
 * other one from a temporary local copy). A problem with the file is a {@link Failure} naming the reason, as
 * {@code hark embed} words it.
 */
final class ClipReader {
    /** The largest file read at once (a Java array). */
    static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 16;

    /** Why a file was not read. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String reason) {
            super(reason);
        }
    }

    private final Configuration conf;

    ClipReader(Configuration conf) {
        this.conf = conf;
    }

    /** The content of {@code uri}. */
    byte[] bytes(String uri) throws Failure {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
        try {
            if (isLocal(p)) {
                return Files.readAllBytes(Path.of(p.toUri()));
            }
            FileSystem fs = p.getFileSystem(conf);
            long length = fs.getFileStatus(p).getLen();
            if (length > MAX_FILE_BYTES) {
                throw new Failure("too large to read at once (" + length + " bytes)");
            }
            try (InputStream in = fs.open(p)) {
                return in.readAllBytes();
            }
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new Failure("no such file");
        } catch (IOException e) {
            throw new Failure("cannot read: " + e.getMessage());
        }
    }

    static String sha256(byte[] content) {
        return Sha256.of(content);
    }

    /**
     * The samples of {@code uri}, whose content is {@code content}.
     *
     * @throws ModelException never caught here: a model problem aborts the job
     */
    float[] samples(String uri, byte[] content) throws Failure {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
        Path local = null;
        Path temp = null;
        try {
            if (isLocal(p)) {
                local = Path.of(p.toUri());
            } else {
                temp = Files.createTempFile("hark-clip-", suffix(p.getName()));
                Files.write(temp, content);
                local = temp;
            }
            float[] samples = AudioFiles.readMono16k(local);
            if (samples.length == 0) {
                throw new Failure("no audio samples");
            }
            return samples;
        } catch (IOException e) {
            throw new Failure("cannot read: " + e.getMessage());
        } catch (ModelException e) {
            throw e;
        } catch (HarkException e) {
            throw new Failure(withoutPath(e.getMessage(), local));
        } catch (RuntimeException e) {
            throw new Failure("cannot decode: " + e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temporary file left in java.io.tmpdir; the result does not depend on it
                }
            }
        }
    }

    private static boolean isLocal(org.apache.hadoop.fs.Path p) {
        URI u = p.toUri();
        return "file".equals(u.getScheme());
    }

    private static String suffix(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 && name.length() - dot <= 6 ? name.substring(dot) : ".audio";
    }

    /** Drops a leading "FILE: " from a decoder's message, since the failure names the file anyway. */
    static String withoutPath(String message, Path file) {
        String m = message == null ? "unreadable" : message;
        if (file != null) {
            for (String prefix : new String[] {file.toString() + ": ", file.getFileName() + ": "}) {
                if (m.startsWith(prefix)) {
                    return m.substring(prefix.length()).trim();
                }
            }
        }
        return m;
    }
}
