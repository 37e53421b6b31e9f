package dev.hark.importers.torch;

import dev.hark.errors.ModelException;
import dev.hark.importers.FloatTensor;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/** The zip serialisation of PyTorch >= 1.6: {@code NAME/data.pkl} plus one record {@code NAME/data/KEY} per storage. */
final class TorchZipReader {
    private TorchZipReader() {
    }

    static Map<String, FloatTensor> read(Path file) {
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
                root = StateDictPickle.load(file, in, pklSize, refs);
            }
            Map<String, float[]> storages = new HashMap<>();
            for (StorageRef r : refs.values()) {
                ZipEntry rec = zip.getEntry(prefix + "data/" + r.key());
                if (rec == null) {
                    throw new ModelException(file + ": storage record " + prefix + "data/" + r.key() + " is missing");
                }
                long bytes = (long) r.numel() * r.type().bytes;
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
                storages.put(r.key(), r.type().decode(raw, order));
            }
            return StateDictPickle.materialise(file, root, refs, storages);
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
}
