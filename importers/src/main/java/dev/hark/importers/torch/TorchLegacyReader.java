package dev.hark.importers.torch;

import dev.hark.errors.BadInputException;
import dev.hark.errors.ModelException;
import dev.hark.importers.FloatTensor;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy single-stream serialisation of PyTorch < 1.6: magic number, protocol, system-info pickles, the main
 * pickle, the list of storage keys, then each storage as an int64 element count and its raw bytes.
 */
final class TorchLegacyReader {
    /** The legacy format's first pickle: {@code torch.serialization.MAGIC_NUMBER}. */
    static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    static final int LEGACY_PROTOCOL = 1001;

    private TorchLegacyReader() {
    }

    static Map<String, FloatTensor> read(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Map<String, StorageRef> none = new HashMap<>();
            Object magic = StateDictPickle.load(file, in, size, none);
            if (!(magic instanceof BigInteger b) || !LEGACY_MAGIC.equals(b)) {
                throw new BadInputException(file + ": a pickle, but not a PyTorch file (no torch.save magic number)");
            }
            Object protocol = StateDictPickle.load(file, in, size, none);
            if (!(protocol instanceof Number) || ((Number) protocol).intValue() != LEGACY_PROTOCOL) {
                throw new ModelException(file + ": unsupported legacy torch.save protocol " + protocol);
            }
            Object sysInfo = StateDictPickle.load(file, in, size, none);
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            if (sysInfo instanceof Map<?, ?> m && Boolean.FALSE.equals(m.get("little_endian"))) {
                order = ByteOrder.BIG_ENDIAN;
            }
            Map<String, StorageRef> refs = new HashMap<>();
            Object root = StateDictPickle.load(file, in, size, refs);
            Object keysObj = StateDictPickle.load(file, in, size, none);
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
                if (count != r.numel()) {
                    throw new ModelException(file + ": storage '" + key + "' has " + count + " elements, the pickle says "
                            + r.numel());
                }
                long bytes = count * r.type().bytes;
                if (bytes > size) {
                    throw new ModelException(file + ": truncated: storage '" + key + "' needs " + bytes + " bytes");
                }
                byte[] raw = in.readNBytes(Math.toIntExact(bytes));
                if (raw.length != bytes) {
                    throw new ModelException(file + ": truncated: storage '" + key + "' ends early");
                }
                storages.put(key, r.type().decode(raw, order));
            }
            return StateDictPickle.materialise(file, root, refs, storages);
        } catch (IOException e) {
            throw new ModelException(file + ": cannot read: " + e.getMessage(), e);
        } catch (ArithmeticException e) {
            throw new ModelException(file + ": a storage is too large (over 2 GB)", e);
        }
    }
}
