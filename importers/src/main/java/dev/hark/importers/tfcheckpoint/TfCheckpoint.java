package dev.hark.importers.tfcheckpoint;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.hark.errors.BadInputException;
import dev.hark.importers.FloatTensor;
import dev.hark.importers.OneLine;
import dev.hark.importers.tfcheckpoint.proto.TfCheckpointProtos.DataType;
import dev.hark.importers.tfcheckpoint.proto.TfCheckpointProtos.SavedSlice;
import dev.hark.importers.tfcheckpoint.proto.TfCheckpointProtos.SavedSliceMeta;
import dev.hark.importers.tfcheckpoint.proto.TfCheckpointProtos.SavedTensorSlices;
import dev.hark.importers.tfcheckpoint.proto.TfCheckpointProtos.TensorProto;
import dev.hark.importers.tfcheckpoint.proto.TfCheckpointProtos.TensorSliceProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a TensorFlow V1 checkpoint ({@code tf.train.Saver(write_version=1)}, one file, e.g. Google's
 * {@code vggish_model.ckpt}) without TensorFlow. The file is an {@link SsTable}; the value under the empty key
 * is a {@code SavedTensorSlices} message whose {@code meta} lists every variable (name, shape, dtype, slices),
 * and every other value is a {@code SavedTensorSlices} holding one {@code SavedSlice} (name, extent, and a
 * {@code TensorProto} with the values). The keys themselves (TensorFlow's OrderedCode of name and slice) are not
 * decoded: each value names its variable and slice. Slices are put together into one row-major array per
 * variable; float32, float64 and float16 values are read (as float32), variables of other types are listed
 * with their shape but without values.
 *
 * <p>V2 checkpoints ({@code .index} plus {@code .data-NNNNN-of-NNNNN}) are refused with a message saying so.
 */
public final class TfCheckpoint {
    /** One variable: dtype name as TensorFlow spells it ({@code float32}), shape, and values (null if not float). */
    public record Variable(String name, String dtype, int[] shape, float[] values) {
        public Variable {
            shape = shape.clone();
        }

        public FloatTensor tensor() {
            if (values == null) {
                throw new IllegalStateException(name + " holds " + dtype + ", not floating-point values");
            }
            return new FloatTensor(name, shape, values);
        }

        public String shapeText() {
            return Arrays.toString(shape);
        }
    }

    private TfCheckpoint() {
    }

    /** Whether {@code file} looks like a TensorFlow checkpoint by its name or its table magic. */
    public static boolean looksLikeCheckpoint(Path file) {
        String n = file.getFileName().toString();
        if (n.contains(".ckpt") || n.endsWith(".index") || n.contains(".data-0") || isV2Prefix(file)) {
            return true;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < SsTable.FOOTER_BYTES) {
                return false;
            }
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(tail, size - 8);
            return tail.getLong(0) == SsTable.MAGIC;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isV2Prefix(Path file) {
        return Files.isRegularFile(file.resolveSibling(file.getFileName() + ".index"));
    }

    /** All variables by name (sorted); bad files raise {@link BadInputException} naming the file. */
    public static Map<String, Variable> read(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".index") || name.contains(".data-0") || (isV2Prefix(file) && !Files.isRegularFile(file))) {
            throw new BadInputException(file + ": a TensorFlow V2 checkpoint (.index and .data-* files), which Hark"
                    + " does not read; Google's vggish_model.ckpt is a V1 checkpoint (one file): import that");
        }
        // names and keys read from a damaged file may hold line breaks: messages are kept to one line
        return OneLine.guard(() -> read(file.toString(), map(file)));
    }

    static ByteBuffer map(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new BadInputException(file + ": " + size + " bytes, beyond the 2 GiB a V1 checkpoint table can address here");
            }
            if (size == 0) {
                throw new BadInputException(file + ": empty file, not a TensorFlow checkpoint");
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** As {@link #read(Path)} for the bytes of a file; {@code source} names it in messages. */
    public static Map<String, Variable> read(String source, ByteBuffer bytes) {
        List<SsTable.Entry> entries = SsTable.entries(source, bytes);
        Map<String, SavedSliceMeta> meta = null;
        Map<String, List<SavedSlice>> slices = new LinkedHashMap<>();
        for (SsTable.Entry e : entries) {
            SavedTensorSlices m = parse(source, bytes, e);
            if (e.key().length == 0) {
                if (!m.hasMeta()) {
                    throw new BadInputException(source + ": the entry under the empty key holds no variable list");
                }
                meta = new LinkedHashMap<>();
                for (SavedSliceMeta t : m.getMeta().getTensorList()) {
                    if (meta.put(t.getName(), t) != null) {
                        throw new BadInputException(source + ": variable '" + t.getName() + "' is listed twice");
                    }
                }
            } else {
                if (!m.hasData()) {
                    throw new BadInputException(source + ": entry '" + e.keyText() + "' holds no tensor slice");
                }
                slices.computeIfAbsent(m.getData().getName(), k -> new ArrayList<>()).add(m.getData());
            }
        }
        if (meta == null) {
            throw new BadInputException(source + ": a table without the variable list under the empty key:"
                    + " not a TensorFlow V1 checkpoint");
        }
        for (String n : slices.keySet()) {
            if (!meta.containsKey(n)) {
                throw new BadInputException(source + ": a slice of '" + n + "', which the variable list does not name");
            }
        }
        Map<String, Variable> out = new TreeMap<>();
        for (SavedSliceMeta t : meta.values()) {
            out.put(t.getName(), assemble(source, t, slices.getOrDefault(t.getName(), List.of())));
        }
        return Collections.unmodifiableMap(out);
    }

    private static SavedTensorSlices parse(String source, ByteBuffer bytes, SsTable.Entry e) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(SsTable.value(bytes, e));
            in.setSizeLimit(Integer.MAX_VALUE);
            SavedTensorSlices m = SavedTensorSlices.parseFrom(in);
            in.checkLastTagWas(0);
            return m;
        } catch (InvalidProtocolBufferException ex) {
            throw new BadInputException(source + ": entry '" + e.keyText() + "' is not a valid SavedTensorSlices"
                    + " message (" + ex.getMessage() + ")", ex);
        } catch (IOException ex) {
            throw new BadInputException(source + ": cannot parse entry '" + e.keyText() + "': " + ex.getMessage(), ex);
        }
    }

    private static Variable assemble(String source, SavedSliceMeta t, List<SavedSlice> parts) {
        String name = t.getName();
        if (t.getShape().getUnknownRank()) {
            throw new BadInputException(source + ": variable '" + name + "' has an unknown rank");
        }
        int rank = t.getShape().getDimCount();
        int[] shape = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            long d = t.getShape().getDim(i).getSize();
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new BadInputException(source + ": variable '" + name + "' has dimension " + d);
            }
            shape[i] = (int) d;
            total *= d;
            if (total > Integer.MAX_VALUE - 8) {
                throw new BadInputException(source + ": variable '" + name + "' has more values than Java arrays hold");
            }
        }
        String dtype = dtypeName(t.getType());
        boolean floating = t.getType() == DataType.DT_FLOAT || t.getType() == DataType.DT_DOUBLE
                || t.getType() == DataType.DT_HALF;
        if (parts.isEmpty()) {
            throw new BadInputException(source + ": variable '" + name + "' " + Arrays.toString(shape)
                    + " is listed but has no data");
        }
        // Extents, overlaps and value counts are checked before the array is allocated, so that a listed shape
        // the file does not hold values for cannot make the reader allocate gigabytes.
        List<int[][]> boxes = new ArrayList<>();
        long covered = 0;
        for (SavedSlice s : parts) {
            int[][] box = extent(source, name, shape, s.getSlice());
            for (int[][] other : boxes) {
                if (overlaps(box, other)) {
                    throw new BadInputException(source + ": variable '" + name + "' has overlapping slices");
                }
            }
            boxes.add(box);
            long n = 1;
            for (int len : box[1]) {
                n *= len;
            }
            covered += n;
            if (s.getData().getDtype() != DataType.DT_INVALID && s.getData().getDtype() != t.getType()) {
                throw new BadInputException(source + ": a slice of '" + name + "' holds " + dtypeName(s.getData().getDtype())
                        + ", the variable list says " + dtype);
            }
            if (floating) {
                long held = valueCount(source, name, t.getType(), s.getData());
                if (held != n) {
                    throw new BadInputException(source + ": a slice of '" + name + "' holds " + held
                            + " values, its extent needs " + n);
                }
            }
        }
        if (covered != total) {
            throw new BadInputException(source + ": the slices of '" + name + "' cover " + covered + " of its "
                    + total + " values");
        }
        float[] values = null;
        if (floating && parts.size() == 1) {
            values = floats(t.getType(), parts.get(0).getData()); // one slice of the whole variable: no copy
        } else if (floating) {
            values = new float[(int) total];
            for (int i = 0; i < parts.size(); i++) {
                place(values, shape, boxes.get(i), floats(t.getType(), parts.get(i).getData()));
            }
        }
        return new Variable(name, dtype, shape, values);
    }

    /** {starts, lengths} of a slice; an extent without a length, or no extents at all, takes the whole dimension. */
    private static int[][] extent(String source, String name, int[] shape, TensorSliceProto slice) {
        int rank = shape.length;
        int[] start = new int[rank];
        int[] length = shape.clone();
        if (slice.getExtentCount() != 0 && slice.getExtentCount() != rank) {
            throw new BadInputException(source + ": a slice of '" + name + "' has " + slice.getExtentCount()
                    + " extents for a variable of rank " + rank);
        }
        for (int i = 0; i < slice.getExtentCount(); i++) {
            TensorSliceProto.Extent e = slice.getExtent(i);
            long s = e.getStart();
            long len = e.hasLength() ? e.getLength() : shape[i] - s;
            // (compared without adding: a start and a length near 2^62 would overflow into a negative end)
            if (s < 0 || len < 0 || s > shape[i] || len > shape[i] - s || (!e.hasLength() && s != 0)) {
                throw new BadInputException(source + ": a slice of '" + name + "' has extent start " + s + ", length "
                        + len + " in dimension " + i + " of size " + shape[i]);
            }
            start[i] = (int) s;
            length[i] = (int) len;
        }
        return new int[][] {start, length};
    }

    private static boolean overlaps(int[][] a, int[][] b) {
        for (int i = 0; i < a[0].length; i++) {
            if (a[0][i] + a[1][i] <= b[0][i] || b[0][i] + b[1][i] <= a[0][i]) {
                return false;
            }
        }
        return true;
    }

    /** Copies the row-major values of a slice into the full row-major array, one innermost run at a time. */
    private static void place(float[] dst, int[] shape, int[][] box, float[] src) {
        int rank = shape.length;
        if (rank == 0 || Arrays.equals(box[1], shape)) {
            System.arraycopy(src, 0, dst, 0, src.length);
            return;
        }
        int run = box[1][rank - 1];
        if (run == 0 || src.length == 0) {
            return;
        }
        int[] idx = new int[rank - 1];
        int read = 0;
        while (true) {
            long off = 0;
            for (int i = 0; i < rank; i++) {
                int at = box[0][i] + (i < rank - 1 ? idx[i] : 0);
                off = off * shape[i] + at;
            }
            System.arraycopy(src, read, dst, (int) off, run);
            read += run;
            int d = rank - 2;
            while (d >= 0 && ++idx[d] == box[1][d]) {
                idx[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }

    private static int width(DataType type) {
        return type == DataType.DT_DOUBLE ? 8 : type == DataType.DT_HALF ? 2 : 4;
    }

    /** How many values a slice's tensor holds, in its packed content or in its typed list. */
    private static long valueCount(String source, String name, DataType type, TensorProto p) {
        if (!p.getTensorContent().isEmpty()) {
            int bytes = p.getTensorContent().size();
            if (bytes % width(type) != 0) {
                throw new BadInputException(source + ": a slice of '" + name + "' has " + bytes
                        + " content bytes, not a whole number of " + width(type) + "-byte values");
            }
            return bytes / width(type);
        }
        return switch (type) {
            case DT_FLOAT -> p.getFloatValCount();
            case DT_DOUBLE -> p.getDoubleValCount();
            default -> p.getHalfValCount();
        };
    }

    private static float[] floats(DataType type, TensorProto p) {
        if (!p.getTensorContent().isEmpty()) {
            ByteBuffer b = p.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            int width = width(type);
            float[] v = new float[b.remaining() / width];
            for (int i = 0; i < v.length; i++) {
                v[i] = width == 8 ? (float) b.getDouble() : width == 2 ? FloatTensor.halfToFloat(b.getShort()) : b.getFloat();
            }
            return v;
        }
        switch (type) {
            case DT_FLOAT -> {
                float[] v = new float[p.getFloatValCount()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = p.getFloatVal(i);
                }
                return v;
            }
            case DT_DOUBLE -> {
                float[] v = new float[p.getDoubleValCount()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) p.getDoubleVal(i);
                }
                return v;
            }
            default -> {
                float[] v = new float[p.getHalfValCount()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = FloatTensor.halfToFloat((short) p.getHalfVal(i));
                }
                return v;
            }
        }
    }

    /** TensorFlow's name of a dtype ({@code float32}, {@code int64}, ...). */
    static String dtypeName(DataType t) {
        return switch (t) {
            case DT_FLOAT -> "float32";
            case DT_DOUBLE -> "float64";
            case DT_HALF -> "float16";
            case DT_BFLOAT16 -> "bfloat16";
            case DT_INT32 -> "int32";
            case DT_INT64 -> "int64";
            case DT_INT16 -> "int16";
            case DT_INT8 -> "int8";
            case DT_UINT8 -> "uint8";
            case DT_UINT16 -> "uint16";
            case DT_UINT32 -> "uint32";
            case DT_UINT64 -> "uint64";
            case DT_BOOL -> "bool";
            case DT_STRING -> "string";
            case UNRECOGNIZED -> "unknown dtype";
            default -> t.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
