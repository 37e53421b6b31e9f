package dev.hark.importers.torch;

import dev.hark.errors.BadInputException;
import dev.hark.errors.ModelException;
import dev.hark.importers.FloatTensor;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;

/**
 * Reads a PyTorch state dict ({@code torch.save(model.state_dict())}) without Python, in both serialisations:
 * the zip archive of PyTorch >= 1.6 ({@code NAME/data.pkl} plus one record {@code NAME/data/KEY} per storage)
 * and the older single stream (magic number, protocol, system-info pickles, the main pickle, the list of
 * storage keys, then each storage as an int64 element count and its raw bytes).
 *
 * <p>The pickle may only name the handful of globals a state dict needs (tensor rebuild calls, storage
 * classes, {@code collections.OrderedDict}); anything else is refused before it is constructed.
 * Storages are read as little-endian (or what the archive's {@code byteorder} record says); float64, float16
 * and bfloat16 storages are converted to float32. Offsets and strides are honoured and every tensor is
 * materialised as a contiguous row-major array.
 */
public final class TorchStateDict {
    /** The legacy format's first pickle: {@code torch.serialization.MAGIC_NUMBER}. */
    static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final int LEGACY_PROTOCOL = 1001;

    /** Which serialisation a file used. */
    public enum Format {
        ZIP("zip archive, PyTorch >= 1.6"),
        LEGACY("legacy single stream, PyTorch < 1.6");

        private final String description;

        Format(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** What was read: tensors by name (sorted) and the serialisation. */
    public record Contents(Map<String, FloatTensor> tensors, Format format) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        }
    }

    private TorchStateDict() {
    }

    /** Reads {@code file}; bad files raise {@link BadInputException} or {@link ModelException} naming the file. */
    public static Contents read(Path file) {
        byte[] head = new byte[4];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, 4);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (n == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return new Contents(readZip(file), Format.ZIP);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            return new Contents(readLegacy(file), Format.LEGACY);
        }
        if (n == 0) {
            throw new BadInputException(file + ": empty file, not a PyTorch state dict");
        }
        String fileName = file.getFileName().toString();
        if (fileName.contains(".ckpt") || fileName.endsWith(".index") || fileName.contains(".data-0")) {
            throw new BadInputException(file + ": a TensorFlow checkpoint, which Hark does not read; import the"
                    + " PyTorch port's state dict (vggish-10086976.pth) instead");
        }
        throw new BadInputException(file + ": not a PyTorch state dict (neither a torch.save zip archive nor the"
                + " legacy pickle stream)");
    }

    // ---- zip serialisation ---------------------------------------------------------------------------

    private static Map<String, FloatTensor> readZip(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry pkl = null;
            for (var e = zip.entries(); e.hasMoreElements();) {
                ZipEntry z = e.nextElement();
                String name = z.getName();
                if (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length()) {
                    pkl = z;
                    break;
                }
            }
            if (pkl == null) {
                throw new ModelException(file + ": zip archive without a NAME/data.pkl record: not a torch.save file");
            }
            String prefix = pkl.getName().substring(0, pkl.getName().length() - "data.pkl".length());
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            ZipEntry bo = zip.getEntry(prefix + "byteorder");
            if (bo != null) {
                String s = new String(zip.getInputStream(bo).readNBytes(16), java.nio.charset.StandardCharsets.US_ASCII).trim();
                if (s.equals("big")) {
                    order = ByteOrder.BIG_ENDIAN;
                } else if (!s.equals("little")) {
                    throw new ModelException(file + ": unknown byte order '" + s + "' in " + bo.getName());
                }
            }
            Map<String, StorageRef> refs = new HashMap<>();
            Object root;
            long pklSize = pkl.getSize() >= 0 ? pkl.getSize() : Files.size(file);
            try (InputStream in = new BufferedInputStream(zip.getInputStream(pkl))) {
                root = unpickle(file, in, pklSize, refs);
            }
            Map<String, float[]> storages = new HashMap<>();
            for (StorageRef r : refs.values()) {
                ZipEntry rec = zip.getEntry(prefix + "data/" + r.key);
                if (rec == null) {
                    throw new ModelException(file + ": storage record " + prefix + "data/" + r.key + " is missing");
                }
                long bytes = (long) r.numel * r.type.bytes;
                if (rec.getSize() >= 0 && rec.getSize() < bytes) {
                    throw new ModelException(file + ": storage record " + rec.getName() + " has " + rec.getSize()
                            + " bytes, its tensor needs " + bytes);
                }
                byte[] raw;
                try (InputStream in = zip.getInputStream(rec)) {
                    raw = in.readNBytes(Math.toIntExact(bytes));
                }
                if (raw.length != bytes) {
                    throw new ModelException(file + ": storage record " + rec.getName() + " is truncated");
                }
                storages.put(r.key, r.type.decode(raw, order));
            }
            return materialise(file, root, refs, storages);
        } catch (ZipException e) {
            throw new ModelException(file + ": corrupt or truncated zip archive (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new ModelException(file + ": truncated (unexpected end of a zip record)", e);
        } catch (IOException e) {
            throw new ModelException(file + ": cannot read the zip archive: " + e.getMessage(), e);
        } catch (ArithmeticException e) {
            throw new ModelException(file + ": a storage is too large (over 2 GB)", e);
        }
    }

    // ---- legacy serialisation ------------------------------------------------------------------------

    private static Map<String, FloatTensor> readLegacy(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Map<String, StorageRef> none = new HashMap<>();
            Object magic = unpickle(file, in, size, none);
            if (!(magic instanceof BigInteger b) || !LEGACY_MAGIC.equals(b)) {
                throw new BadInputException(file + ": a pickle, but not a PyTorch file (no torch.save magic number)");
            }
            Object protocol = unpickle(file, in, size, none);
            if (!(protocol instanceof Number) || ((Number) protocol).intValue() != LEGACY_PROTOCOL) {
                throw new ModelException(file + ": unsupported legacy torch.save protocol " + protocol);
            }
            Object sysInfo = unpickle(file, in, size, none);
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            if (sysInfo instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("little_endian"))) {
                order = ByteOrder.BIG_ENDIAN;
            }
            Map<String, StorageRef> refs = new HashMap<>();
            Object root = unpickle(file, in, size, refs);
            Object keysObj = unpickle(file, in, size, none);
            if (!(keysObj instanceof List<?> keys)) {
                throw new ModelException(file + ": the storage key list after the main pickle is missing");
            }
            Map<String, float[]> storages = new HashMap<>();
            byte[] countBytes = new byte[8];
            for (Object k : keys) {
                if (!(k instanceof String key)) {
                    throw new ModelException(file + ": the storage key list holds a non-string");
                }
                StorageRef r = refs.get(key);
                if (r == null) {
                    throw new ModelException(file + ": storage '" + key + "' is listed but no tensor uses it");
                }
                if (in.readNBytes(countBytes, 0, 8) != 8) {
                    throw new ModelException(file + ": truncated: storage '" + key + "' is missing");
                }
                long count = ByteBuffer.wrap(countBytes).order(order).getLong();
                if (count != r.numel) {
                    throw new ModelException(file + ": storage '" + key + "' has " + count + " elements, the pickle says "
                            + r.numel);
                }
                long bytes = count * r.type.bytes;
                if (bytes > size) {
                    throw new ModelException(file + ": truncated: storage '" + key + "' needs " + bytes + " bytes");
                }
                byte[] raw = in.readNBytes(Math.toIntExact(bytes));
                if (raw.length != bytes) {
                    throw new ModelException(file + ": truncated: storage '" + key + "' ends early");
                }
                storages.put(key, r.type.decode(raw, order));
            }
            return materialise(file, root, refs, storages);
        } catch (IOException e) {
            throw new ModelException(file + ": cannot read: " + e.getMessage(), e);
        } catch (ArithmeticException e) {
            throw new ModelException(file + ": a storage is too large (over 2 GB)", e);
        }
    }

    // ---- pickle ----------------------------------------------------------------------------------------

    private static Object unpickle(Path file, InputStream in, long maxLength, Map<String, StorageRef> refs) {
        Map<String, IObjectConstructor> allowed = new HashMap<>();
        allowed.put("collections.OrderedDict", PyOrderedDict::construct);
        allowed.put("torch._utils._rebuild_tensor_v2", TensorRef::construct);
        allowed.put("torch._utils._rebuild_tensor", TensorRef::construct);
        allowed.put("torch._utils._rebuild_parameter", TorchStateDict::rebuildParameter);
        for (StorageType t : StorageType.values()) {
            allowed.put("torch." + t.className, t);
        }
        TorchUnpickler u = new TorchUnpickler(allowed, pid -> storage(pid, refs), maxLength);
        try {
            return u.loadOne(in);
        } catch (TorchUnpickler.ForbiddenGlobalException e) {
            throw new ModelException(file + ": refused: the pickle asks for the Python global '" + e.global
                    + "'; a state dict only needs tensors, so this file is not loaded (a .pth is code: Hark never"
                    + " runs it)", e);
        } catch (PickleException e) {
            throw new ModelException(file + ": malformed pickle: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new ModelException(file + ": truncated pickle", e);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new ModelException(file + ": truncated or unreadable pickle (" + m + ")", e);
        } catch (ClassCastException | IllegalArgumentException | IndexOutOfBoundsException
                | NullPointerException | java.util.NoSuchElementException e) {
            throw new ModelException(file + ": malformed pickle (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static Object rebuildParameter(Object[] args) {
        if (args.length < 1 || !(args[0] instanceof TensorRef)) {
            throw new PickleException("_rebuild_parameter without a tensor");
        }
        return args[0];
    }

    private static Object storage(Object pid, Map<String, StorageRef> refs) {
        if (!(pid instanceof Object[] t) || t.length < 5 || !"storage".equals(t[0])) {
            throw new PickleException("unexpected persistent id " + describe(pid));
        }
        if (!(t[1] instanceof StorageType type)) {
            throw new PickleException("persistent id without a storage class: " + describe(pid));
        }
        if (!(t[2] instanceof String key)) {
            throw new PickleException("storage key is not a string");
        }
        if (!(t[4] instanceof Number numel) || numel.longValue() < 0 || numel.longValue() > Integer.MAX_VALUE) {
            throw new PickleException("storage " + key + " has no valid element count");
        }
        StorageRef root = refs.get(key);
        if (root == null) {
            root = new StorageRef(key, type, numel.intValue(), 0);
            refs.put(key, root);
        } else if (root.type != type) {
            throw new PickleException("storage " + key + " is used with two element types");
        }
        if (t.length >= 6 && t[5] instanceof Object[] view) {
            // legacy view metadata: (view_key, offset, view_size)
            if (view.length != 3 || !(view[1] instanceof Number off) || !(view[2] instanceof Number vs)) {
                throw new PickleException("malformed storage view of " + key);
            }
            if (off.longValue() < 0 || off.longValue() + vs.longValue() > root.numel) {
                throw new PickleException("storage view of " + key + " lies outside it");
            }
            return new StorageRef(key, type, vs.intValue(), off.intValue());
        }
        return root;
    }

    private static String describe(Object o) {
        if (o instanceof String str) {
            return "'" + (str.length() > 40 ? str.substring(0, 40) + "..." : str) + "'";
        }
        return o instanceof Object[] a ? "a tuple of " + a.length + " items" : typeName(o);
    }

    // ---- materialisation -------------------------------------------------------------------------------

    private static Map<String, FloatTensor> materialise(Path file, Object root, Map<String, StorageRef> refs,
            Map<String, float[]> storages) {
        Object dict = root;
        if (dict instanceof Map<?, ?> m && m.size() == 1 && m.get("state_dict") instanceof Map<?, ?> inner) {
            dict = inner;
        }
        if (!(dict instanceof Map<?, ?> map)) {
            throw new ModelException(file + ": the pickle holds " + typeName(dict) + ", not a state dict (name -> tensor)");
        }
        Map<String, FloatTensor> out = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw new ModelException(file + ": the state dict has a key that is not a string");
            }
            if (!(e.getValue() instanceof TensorRef t)) {
                throw new ModelException(file + ": entry '" + name + "' is " + typeName(e.getValue()) + ", not a tensor");
            }
            float[] storage = storages.get(t.storage.key);
            if (storage == null) {
                throw new ModelException(file + ": storage " + t.storage.key + " of '" + name + "' is missing");
            }
            out.put(name, t.materialise(file, name, storage));
        }
        if (out.isEmpty()) {
            throw new ModelException(file + ": the state dict is empty");
        }
        return out;
    }

    private static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof Map) {
            return "a dict";
        }
        if (o instanceof List || o instanceof Object[]) {
            return "a list or tuple";
        }
        if (o instanceof String) {
            return "a string";
        }
        if (o instanceof Number) {
            return "a number";
        }
        return "an object";
    }

    /** {@code collections.OrderedDict}: a map that also accepts the instance state a state dict carries. */
    public static final class PyOrderedDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;

        static Object construct(Object[] args) {
            PyOrderedDict d = new PyOrderedDict();
            if (args.length == 1 && args[0] instanceof List<?> pairs) {
                for (Object p : pairs) {
                    if (p instanceof Object[] kv && kv.length == 2) {
                        d.put(kv[0], kv[1]);
                    } else if (p instanceof List<?> kv && kv.size() == 2) {
                        d.put(kv.get(0), kv.get(1));
                    } else {
                        throw new PickleException("OrderedDict item is not a pair");
                    }
                }
            } else if (args.length != 0) {
                throw new PickleException("OrderedDict called with unexpected arguments");
            }
            return d;
        }

        /** Called by the unpickler's BUILD: the state dict's {@code _metadata} (module versions) is ignored. */
        public void __setstate__(HashMap<?, ?> state) {
            // nothing to keep: _metadata only records module versions
        }
    }

    /** One storage (or a view of one, legacy format): key, element type, element count, offset into the root. */
    public record StorageRef(String key, StorageType type, int numel, int viewOffset) {
    }

    /** The result of {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)}. */
    public record TensorRef(StorageRef storage, long offset, int[] size, long[] stride) {
        static Object construct(Object[] args) {
            if (args.length < 4 || !(args[0] instanceof StorageRef s) || !(args[1] instanceof Number off)) {
                throw new PickleException("tensor rebuild call with unexpected arguments");
            }
            int[] size = ints(args[2], "size");
            long[] stride = longs(args[3], "stride");
            if (size.length != stride.length) {
                throw new PickleException("tensor with " + size.length + " sizes and " + stride.length + " strides");
            }
            return new TensorRef(s, off.longValue(), size, stride);
        }

        private static int[] ints(Object o, String what) {
            long[] l = longs(o, what);
            int[] r = new int[l.length];
            for (int i = 0; i < l.length; i++) {
                if (l[i] < 0 || l[i] > Integer.MAX_VALUE) {
                    throw new PickleException("tensor " + what + " " + l[i] + " out of range");
                }
                r[i] = (int) l[i];
            }
            return r;
        }

        private static long[] longs(Object o, String what) {
            List<?> items;
            if (o instanceof Object[] a) {
                items = Arrays.asList(a);
            } else if (o instanceof List<?> l) {
                items = l;
            } else {
                throw new PickleException("tensor " + what + " is not a tuple");
            }
            long[] r = new long[items.size()];
            for (int i = 0; i < r.length; i++) {
                if (!(items.get(i) instanceof Number n)) {
                    throw new PickleException("tensor " + what + " holds a non-number");
                }
                r[i] = n.longValue();
            }
            return r;
        }

        public FloatTensor materialise(Path file, String name, float[] root) {
            long numel = 1;
            long last = offset + storage.viewOffset;
            for (int i = 0; i < size.length; i++) {
                numel *= size[i];
                if (size[i] > 0) {
                    if (stride[i] < 0) {
                        throw new ModelException(file + ": tensor '" + name + "' has a negative stride");
                    }
                    last += (size[i] - 1) * stride[i];
                }
                if (numel > Integer.MAX_VALUE) {
                    throw new ModelException(file + ": tensor '" + name + "' is too large");
                }
            }
            if (numel > storage.numel) {
                throw new ModelException(file + ": tensor '" + name + "' " + Arrays.toString(size)
                        + " has more elements than its storage (" + storage.numel + "): overlapping strides");
            }
            long limit = storage.viewOffset + (long) storage.numel;
            if (numel > 0 && (offset < 0 || last >= limit || last >= root.length)) {
                throw new ModelException(file + ": tensor '" + name + "' " + Arrays.toString(size)
                        + " reaches past the end of its storage (" + storage.numel + " elements)");
            }
            float[] out = new float[(int) numel];
            if (numel == 0) {
                return new FloatTensor(name, size.clone(), out);
            }
            int rank = size.length;
            long base = offset + storage.viewOffset;
            // contiguous fast path
            boolean contiguous = true;
            long expect = 1;
            for (int i = rank - 1; i >= 0; i--) {
                if (size[i] != 1 && stride[i] != expect) {
                    contiguous = false;
                    break;
                }
                expect *= size[i];
            }
            if (contiguous) {
                System.arraycopy(root, (int) base, out, 0, (int) numel);
                return new FloatTensor(name, size.clone(), out);
            }
            int[] idx = new int[rank];
            for (int k = 0; k < numel; k++) {
                long p = base;
                for (int i = 0; i < rank; i++) {
                    p += idx[i] * stride[i];
                }
                out[k] = root[(int) p];
                for (int i = rank - 1; i >= 0; i--) {
                    if (++idx[i] < size[i]) {
                        break;
                    }
                    idx[i] = 0;
                }
            }
            return new FloatTensor(name, size.clone(), out);
        }
    }

    /** Storage classes a state dict may name, with their element size; all are read as float32. */
    public enum StorageType implements IObjectConstructor {
        FLOAT("FloatStorage", 4),
        DOUBLE("DoubleStorage", 8),
        HALF("HalfStorage", 2),
        BFLOAT16("BFloat16Storage", 2);

        final String className;
        final int bytes;

        StorageType(String className, int bytes) {
            this.className = className;
            this.bytes = bytes;
        }

        @Override
        public Object construct(Object[] args) {
            throw new PickleException("torch." + className + " is only allowed as a storage type, not as a call");
        }

        float[] decode(byte[] raw, ByteOrder order) {
            ByteBuffer b = ByteBuffer.wrap(raw).order(order);
            float[] out = new float[raw.length / bytes];
            switch (this) {
                case FLOAT -> b.asFloatBuffer().get(out);
                case DOUBLE -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = (float) b.getDouble(i * 8);
                    }
                }
                case HALF -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = FloatTensor.halfToFloat(b.getShort(i * 2));
                    }
                }
                case BFLOAT16 -> {
                    for (int i = 0; i < out.length; i++) {
                        out[i] = Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
                    }
                }
                default -> throw new IllegalStateException(name());
            }
            return out;
        }
    }
}
