package dev.hark.core.io;

import dev.hark.errors.BadInputException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * NumPy {@code .npy} and {@code .npz} files.
 *
 * <p>Writing: float32 ({@code '<f4'}, C order, format version 1.0), always to a temporary file in the target
 * directory that is renamed over the target when complete, so a target is never half-written. For row counts
 * not known in advance, {@link #openRowWriter} streams rows to disk and fixes the shape in the header at
 * {@link RowWriter#commit()}.
 *
 * <p>Reading: format versions 1, 2 and 3; little-endian or byte-order-free dtypes {@code f4 f8 i1 u1 b1 i2 u2 i4
 * u4 i8 u8}; float32 stays float, the rest is widened to double (see {@link NpyArray}). Fortran order,
 * big-endian, object and structured arrays are rejected. Every problem is a {@link BadInputException} whose
 * one-line message names the file.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the data start to 64 bytes. */
    private static final int ALIGN = 64;
    /** Header size of streamed files: room for any shape of up to three long dimensions. */
    private static final int STREAM_HEADER_BYTES = 128;
    private static final int BUFFER_BYTES = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {
    }

    // ------------------------------------------------------------------ writing

    /** Writes {@code [rows][cols]} floats as a float32 {@code .npy} of shape {@code (rows, cols)}, atomically. */
    public static void write(Path out, float[][] rows) {
        Objects.requireNonNull(rows, "rows");
        int cols = rows.length == 0 ? 0 : rows[0].length;
        try (RowWriter w = openRowWriter(out, cols)) {
            w.writeRows(rows);
            w.commit();
        }
    }

    /** Writes {@code [n][rows][cols]} floats as a float32 {@code .npy} of shape {@code (n, rows, cols)}, atomically. */
    public static void write(Path out, float[][][] array) {
        Objects.requireNonNull(array, "array");
        int rows = array.length == 0 ? 0 : array[0].length;
        int cols = rows == 0 ? 0 : array[0][0].length;
        float[] flat = new float[Math.multiplyExact(Math.multiplyExact(array.length, rows), cols)];
        int pos = 0;
        for (int i = 0; i < array.length; i++) {
            if (array[i].length != rows) {
                throw new IllegalArgumentException("array[" + i + "] has " + array[i].length + " rows, expected " + rows);
            }
            for (int r = 0; r < rows; r++) {
                if (array[i][r].length != cols) {
                    throw new IllegalArgumentException("array[" + i + "][" + r + "] has " + array[i][r].length
                            + " values, expected " + cols);
                }
                System.arraycopy(array[i][r], 0, flat, pos, cols);
                pos += cols;
            }
        }
        write(out, new int[] {array.length, rows, cols}, flat);
    }

    /** Writes float32 values of any C-order shape, atomically. */
    public static void write(Path out, int[] shape, float[] values) {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(values, "values");
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + values.length);
        }
        long[] longShape = Arrays.stream(shape).asLongStream().toArray();
        try (AtomicFile file = AtomicFile.create(out)) {
            try {
                FileChannel ch = file.channel();
                ch.write(ByteBuffer.wrap(header("<f4", longShape, 0)));
                ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (float v : values) {
                    if (!buf.hasRemaining()) {
                        drain(ch, buf);
                    }
                    buf.putFloat(v);
                }
                drain(ch, buf);
            } catch (IOException e) {
                throw writeFailure(out, e);
            }
            file.commit();
        }
    }

    /**
     * Opens a streaming writer of float32 rows of {@code cols} values. Rows go to a temporary file beside
     * {@code out}; {@link RowWriter#commit()} writes the final shape {@code (rows, cols)} and renames it to
     * {@code out}. Closing without committing deletes the temporary file and leaves {@code out} untouched.
     */
    public static RowWriter openRowWriter(Path out, int cols) {
        if (cols < 0) {
            throw new IllegalArgumentException("cols must be >= 0, got " + cols);
        }
        return new RowWriter(out, cols);
    }

    /** Streams float32 rows into a {@code .npy} file; see {@link Npy#openRowWriter}. Not thread-safe. */
    public static final class RowWriter implements AutoCloseable {
        private final Path out;
        private final int cols;
        private final AtomicFile file;
        private final ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        private long rows;
        private boolean finished;

        private RowWriter(Path out, int cols) {
            this.out = out;
            this.cols = cols;
            this.file = AtomicFile.create(out);
            try {
                file.channel().write(ByteBuffer.wrap(header("<f4", new long[] {0, cols}, STREAM_HEADER_BYTES)));
            } catch (IOException e) {
                file.close();
                throw writeFailure(out, e);
            }
        }

        /** Appends one row of exactly {@code cols} values. */
        public void writeRow(float[] row) {
            if (finished) {
                throw new IllegalStateException("writer for " + out + " is already committed or closed");
            }
            if (row.length != cols) {
                throw new IllegalArgumentException("row has " + row.length + " values, expected " + cols);
            }
            try {
                for (float v : row) {
                    if (!buf.hasRemaining()) {
                        drain(file.channel(), buf);
                    }
                    buf.putFloat(v);
                }
            } catch (IOException e) {
                throw writeFailure(out, e);
            }
            rows++;
        }

        /** Appends rows. */
        public void writeRows(float[][] block) {
            for (float[] row : block) {
                writeRow(row);
            }
        }

        /** Rows written so far. */
        public long rows() {
            return rows;
        }

        /** Writes the final header and moves the file into place; the writer is then closed. */
        public void commit() {
            if (finished) {
                throw new IllegalStateException("writer for " + out + " is already committed or closed");
            }
            finished = true;
            try {
                FileChannel ch = file.channel();
                drain(ch, buf);
                ch.write(ByteBuffer.wrap(header("<f4", new long[] {rows, cols}, STREAM_HEADER_BYTES)), 0);
            } catch (IOException e) {
                file.close();
                throw writeFailure(out, e);
            }
            file.commit();
        }

        /** Discards the file unless committed. Idempotent. */
        @Override
        public void close() {
            finished = true;
            file.close();
        }
    }

    private static void drain(FileChannel ch, ByteBuffer buf) throws IOException {
        buf.flip();
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
        buf.clear();
    }

    /** The magic, version 1.0, length and dict, padded with spaces and a newline to {@code minBytes} and 64. */
    static byte[] header(String descr, long[] shape, int minBytes) {
        StringBuilder s = new StringBuilder("{'descr': '").append(descr).append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            s.append(shape[i]);
            if (shape.length == 1 || i < shape.length - 1) {
                s.append(shape.length == 1 ? "," : ", ");
            }
        }
        s.append("), }");
        int total = Math.max(minBytes, MAGIC.length + 4 + s.length() + 1);
        total = (total + ALIGN - 1) / ALIGN * ALIGN;
        if (minBytes > 0 && total != minBytes) {
            throw new IllegalStateException("npy header does not fit in " + minBytes + " bytes: " + s);
        }
        while (MAGIC.length + 4 + s.length() + 1 < total) {
            s.append(' ');
        }
        s.append('\n');
        int headerLen = s.length();
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + headerLen).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLen);
        b.put(s.toString().getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** A temporary file beside the target, renamed over it on commit, deleted otherwise. */
    private static final class AtomicFile implements AutoCloseable {
        private final Path target;
        private final Path temp;
        private final FileChannel channel;
        private boolean done;

        private AtomicFile(Path target, Path temp, FileChannel channel) {
            this.target = target;
            this.temp = temp;
            this.channel = channel;
        }

        static AtomicFile create(Path target) {
            Objects.requireNonNull(target, "out");
            Path abs = target.toAbsolutePath();
            Path dir = abs.getParent();
            if (Files.isDirectory(abs)) {
                throw new BadInputException("cannot write " + target + ": it is a directory");
            }
            if (dir == null || !Files.isDirectory(dir)) {
                throw new BadInputException("cannot write " + target + ": directory " + dir + " does not exist");
            }
            // Not Files.createTempFile: that makes the file owner-only (0600), and the rename would keep that.
            // CREATE_NEW gives the usual permissions (umask), like any other file the user writes.
            for (int attempt = 0; ; attempt++) {
                Path temp = dir.resolve("." + abs.getFileName() + "."
                        + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".tmp");
                try {
                    FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    return new AtomicFile(target, temp, ch);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    if (attempt >= 10) {
                        throw writeFailure(target, e);
                    }
                } catch (IOException e) {
                    throw writeFailure(target, e);
                }
            }
        }

        FileChannel channel() {
            return channel;
        }

        void commit() {
            if (done) {
                throw new IllegalStateException(target + " already committed or closed");
            }
            done = true;
            try {
                channel.force(false);
                channel.close();
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                deleteQuietly(temp);
                throw writeFailure(target, e);
            }
        }

        @Override
        public void close() {
            if (done) {
                return;
            }
            done = true;
            try {
                channel.close();
            } catch (IOException e) {
                // The file is being discarded; the caller's own failure (if any) is what matters to them.
                System.getLogger(Npy.class.getName()).log(System.Logger.Level.WARNING,
                        "could not close temporary file " + temp + ": " + e);
            }
            deleteQuietly(temp);
        }

        private static void deleteQuietly(Path p) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // Left behind as a hidden .tmp file; the target itself is untouched. Nothing better to do here.
                System.getLogger(Npy.class.getName()).log(System.Logger.Level.WARNING,
                        "could not delete temporary file " + p + ": " + e);
            }
        }
    }

    private static BadInputException writeFailure(Path out, IOException e) {
        return new BadInputException("cannot write " + out + ": " + reason(e), e);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    // ------------------------------------------------------------------ reading

    /** Reads a {@code .npy} file. */
    public static NpyArray read(Path file) {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, not a .npy file");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + reason(e), e);
        }
    }

    /** Reads one {@code .npy} array from a stream; {@code name} is used in error messages. */
    public static NpyArray read(InputStream in, String name) {
        try {
            byte[] magic = in.readNBytes(MAGIC.length + 2);
            if (magic.length < MAGIC.length + 2 || !Arrays.equals(Arrays.copyOf(magic, MAGIC.length), MAGIC)) {
                throw new BadInputException(name + ": not a .npy file (no \\x93NUMPY magic)");
            }
            int major = magic[6] & 0xff;
            int headerLen;
            if (major == 1) {
                headerLen = (int) readLittle(in, 2, name);
            } else if (major == 2 || major == 3) {
                long len = readLittle(in, 4, name);
                if (len > 1 << 20) {
                    throw new BadInputException(name + ": .npy header length " + len + " is absurd");
                }
                headerLen = (int) len;
            } else {
                throw new BadInputException(name + ": unsupported .npy format version " + major + "." + (magic[7] & 0xff));
            }
            byte[] hb = in.readNBytes(headerLen);
            if (hb.length < headerLen) {
                throw new BadInputException(name + ": truncated .npy header");
            }
            String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            return readData(in, name, header);
        } catch (IOException e) {
            throw new BadInputException(name + ": cannot read: " + reason(e), e);
        }
    }

    private static long readLittle(InputStream in, int bytes, String name) throws IOException {
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            int b = in.read();
            if (b < 0) {
                throw new BadInputException(name + ": truncated .npy header");
            }
            v |= (long) b << (8 * i);
        }
        return v;
    }

    private static NpyArray readData(InputStream in, String name, String header) throws IOException {
        Matcher descrM = DESCR.matcher(header);
        if (!descrM.find()) {
            if (header.contains("'descr'") && header.matches("(?s).*'descr'\\s*:\\s*\\[.*")) {
                throw new BadInputException(name + ": structured (record) arrays are not supported");
            }
            throw new BadInputException(name + ": .npy header has no dtype ('descr'): " + header.strip());
        }
        String descr = descrM.group(1);
        Matcher fortranM = FORTRAN.matcher(header);
        if (!fortranM.find()) {
            throw new BadInputException(name + ": .npy header has no 'fortran_order'");
        }
        if (fortranM.group(1).equals("True")) {
            throw new BadInputException(name + ": Fortran-order arrays are not supported (save with C order)");
        }
        Matcher shapeM = SHAPE.matcher(header);
        if (!shapeM.find()) {
            throw new BadInputException(name + ": .npy header has no 'shape'");
        }
        int[] shape = parseShape(shapeM.group(1), name);
        if (descr.length() < 2) {
            throw new BadInputException(name + ": unsupported dtype '" + descr + "'");
        }
        char order = descr.charAt(0);
        String kind = descr.substring(1);
        if (order == '>') {
            throw new BadInputException(name + ": big-endian dtype '" + descr + "' is not supported");
        }
        if (kind.startsWith("O")) {
            throw new BadInputException(name + ": object arrays (pickled Python objects) are not supported");
        }
        if (order != '<' && order != '|' && order != '=') {
            throw new BadInputException(name + ": unsupported dtype '" + descr + "'");
        }
        int itemBytes = switch (kind) {
            case "f4", "i4", "u4" -> 4;
            case "f8", "i8", "u8" -> 8;
            case "i2", "u2" -> 2;
            case "i1", "u1", "b1" -> 1;
            default -> throw new BadInputException(name + ": unsupported dtype '" + descr
                    + "' (supported: f4 f8 i1 u1 b1 i2 u2 i4 u4 i8 u8, little-endian)");
        };
        long count = 1;
        for (int d : shape) {
            count *= d;
            if (count > Integer.MAX_VALUE - 8) {
                throw new BadInputException(name + ": array of shape " + Arrays.toString(shape) + " is too large");
            }
        }
        long bytes = count * itemBytes;
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new BadInputException(name + ": array of shape " + Arrays.toString(shape) + " is too large");
        }
        byte[] data = in.readNBytes((int) bytes);
        if (data.length < bytes) {
            throw new BadInputException(name + ": truncated: shape " + Arrays.toString(shape) + " of " + descr
                    + " needs " + bytes + " data bytes, found " + data.length);
        }
        ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) count;
        if (kind.equals("f4")) {
            float[] f = new float[n];
            bb.asFloatBuffer().get(f);
            return new NpyArray(descr, shape, f, null);
        }
        double[] d = new double[n];
        switch (kind) {
            case "f8" -> bb.asDoubleBuffer().get(d);
            case "i8" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = bb.getLong();
                }
            }
            case "u8" -> {
                for (int i = 0; i < n; i++) {
                    long v = bb.getLong();
                    d[i] = v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
                }
            }
            case "i4" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = bb.getInt();
                }
            }
            case "u4" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = bb.getInt() & 0xffffffffL;
                }
            }
            case "i2" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = bb.getShort();
                }
            }
            case "u2" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = bb.getShort() & 0xffff;
                }
            }
            case "i1" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = data[i];
                }
            }
            case "u1", "b1" -> {
                for (int i = 0; i < n; i++) {
                    d[i] = data[i] & 0xff;
                }
            }
            default -> throw new IllegalStateException("dtype " + descr);
        }
        return new NpyArray(descr, shape, null, d);
    }

    private static int[] parseShape(String text, String name) {
        String t = text.strip();
        if (t.isEmpty()) {
            return new int[0];
        }
        String[] parts = t.split(",");
        int count = 0;
        int[] shape = new int[parts.length];
        for (String p : parts) {
            String s = p.strip();
            if (s.endsWith("L")) { // Python 2 long literals
                s = s.substring(0, s.length() - 1);
            }
            if (s.isEmpty()) {
                continue;
            }
            long v;
            try {
                v = Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new BadInputException(name + ": bad shape (" + text + ") in .npy header");
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new BadInputException(name + ": bad dimension " + v + " in shape (" + text + ")");
            }
            shape[count++] = (int) v;
        }
        return Arrays.copyOf(shape, count);
    }

    /**
     * Reads every {@code .npy} member of a {@code .npz} archive (stored or deflated), keyed by member name without
     * {@code .npy}, in archive order.
     */
    public static Map<String, NpyArray> readNpz(Path file) {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, not a .npz file");
        }
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": no such file");
        }
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) {
                    continue;
                }
                String key = e.getName().endsWith(".npy")
                        ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                try (InputStream in = new BufferedInputStream(zip.getInputStream(e), BUFFER_BYTES)) {
                    out.put(key, read(in, file + "[" + e.getName() + "]"));
                }
            }
        } catch (ZipException e) {
            throw new BadInputException(file + ": not a valid .npz (zip) archive: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new BadInputException(file + ": truncated .npz archive", e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + reason(e), e);
        }
        return Collections.unmodifiableMap(out);
    }
}
