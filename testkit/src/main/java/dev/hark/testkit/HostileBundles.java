package dev.hark.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Hostile {@code .hark} bundles for the tests of the bundle loader, built in memory: zips written byte by byte
 * (so entry counts and declared sizes can lie), deflate streams that inflate to gigabytes from a few megabytes, and
 * Java serialisation streams that are deserialisation bombs (inside bundles of the old, Java-serialised format 1,
 * which must be refused without reading them). Nothing here needs Hark's own classes.
 */
public final class HostileBundles {
    /**
     * A valid {@code metadata.json} (format 2) of a 3-label, 4-dimension logistic head on mean-pooled yamnet
     * features, without a background class, rejecting below 0.5.
     */
    public static final String METADATA = """
            {
              "format" : "hark-classifier",
              "formatVersion" : 2,
              "labels" : [ "dog", "rain", "rooster" ],
              "features" : {
                "model" : "yamnet",
                "modelSha256" : "ab12",
                "frontEnd" : "yamnet",
                "hopFrames" : 48,
                "pooling" : "mean",
                "dimension" : 4
              },
              "classifier" : {
                "algorithm" : "logistic",
                "options" : { "pca" : "0" }
              },
              "head" : {
                "file" : "head.onnx",
                "input" : "rows",
                "output" : "probabilities",
                "rowWidth" : 4,
                "background" : false
              },
              "rejection" : { "minProbability" : 0.5 },
              "summary" : { "clips" : 12 }
            }
            """;

    /** The {@code metadata.json} of a bundle of the old format 1, which held a Java-serialised {@code model.ser}. */
    public static final String LEGACY_METADATA = """
            {
              "format" : "hark-classifier",
              "formatVersion" : 1,
              "labels" : [ "dog", "rain", "rooster" ],
              "features" : {
                "model" : "yamnet",
                "modelSha256" : "ab12",
                "frontEnd" : "yamnet",
                "hopFrames" : 48,
                "pooling" : "mean",
                "dimension" : 4
              },
              "classifier" : {
                "algorithm" : "logistic",
                "options" : { },
                "standardised" : true
              },
              "summary" : { "clips" : 12 }
            }
            """;

    private HostileBundles() {
    }

    /** One zip entry: its name, its deflated bytes and the CRC and uncompressed size its headers declare. */
    public record Entry(String name, byte[] deflated, long crc, long declaredSize) {
        /** An honest entry holding {@code content}. */
        public static Entry of(String name, byte[] content) {
            Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            d.setInput(content);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            d.end();
            CRC32 crc = new CRC32();
            crc.update(content);
            return new Entry(name, out.toByteArray(), crc.getValue(), content.length);
        }

        /** An honest entry holding {@code text} in UTF-8. */
        public static Entry of(String name, String text) {
            return of(name, text.getBytes(StandardCharsets.UTF_8));
        }

        /** This entry with another declared uncompressed size (at most 4 GiB - 1). */
        public Entry declaring(long size) {
            return new Entry(name, deflated, crc, size);
        }
    }

    /**
     * An entry whose deflate stream inflates to {@code 1 + 258 * n} zero bytes: one literal then {@code n}
     * longest matches at distance 1, 13 bits each (a fixed-Huffman block), so 3 GiB take about 20 MB. It declares
     * its true size (which must be below 4 GiB) and a CRC of 0.
     */
    public static Entry zeros(String name, long n) {
        BitWriter w = new BitWriter((int) (n * 13 / 8 + 16));
        w.bits(1, 1); // BFINAL
        w.bits(1, 2); // BTYPE 01: fixed Huffman
        w.code(0b00110000, 8); // literal 0
        for (long i = 0; i < n; i++) {
            w.code(0b11000101, 8); // length symbol 285: 258 bytes
            w.code(0, 5); // distance symbol 0: distance 1
        }
        w.code(0, 7); // end of block
        return new Entry(name, w.toByteArray(), 0, 1 + 258 * n);
    }

    /** A zip holding {@code entries}, deflated, with exactly the sizes and CRCs they declare. */
    public static byte[] zip(List<Entry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        for (Entry e : entries) {
            offsets.add(out.size());
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = le(30 + name.length);
            h.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0);
            h.putInt((int) e.crc()).putInt(e.deflated().length).putInt((int) e.declaredSize());
            h.putShort((short) name.length).putShort((short) 0).put(name);
            out.writeBytes(h.array());
            out.writeBytes(e.deflated());
        }
        int cenStart = out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = le(46 + name.length);
            h.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8);
            h.putInt(0).putInt((int) e.crc()).putInt(e.deflated().length).putInt((int) e.declaredSize());
            h.putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0);
            h.putShort((short) 0).putInt(0).putInt(offsets.get(i)).put(name);
            out.writeBytes(h.array());
        }
        int cenSize = out.size() - cenStart;
        ByteBuffer end = le(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size());
        end.putShort((short) entries.size()).putInt(cenSize).putInt(cenStart).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    /** A bundle of {@code metadata} and {@code head} as {@code head.onnx}. */
    public static byte[] bundle(String metadata, byte[] head) {
        return zip(List.of(Entry.of("metadata.json", metadata), Entry.of("head.onnx", head)));
    }

    /** A bundle of the old format: {@link #LEGACY_METADATA} and {@code model} as {@code model.ser}. */
    public static byte[] legacyBundle(byte[] model) {
        return zip(List.of(Entry.of("metadata.json", LEGACY_METADATA), Entry.of("model.ser", model)));
    }

    /** {@code obj} in Java serialisation. */
    public static byte[] serialise(Object obj) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(obj);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The classic hash-code bomb: {@code depth} levels of two {@code HashSet}s each holding both sets of the level
     * below; deserialising it hashes about {@code 2^depth} sets.
     */
    public static byte[] hashSetBomb(int depth) {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return serialise(root);
    }

    /** The same bomb out of {@code HashMap}s (keys are maps of the level below), a class Smile models do use. */
    public static byte[] hashMapBomb(int depth) {
        Map<Object, Object> root = new HashMap<>();
        Map<Object, Object> s1 = root;
        Map<Object, Object> s2 = new HashMap<>();
        for (int i = 0; i < depth; i++) {
            Map<Object, Object> t1 = new HashMap<>();
            Map<Object, Object> t2 = new HashMap<>();
            t1.put("foo", 1);
            s1.put(t1, 1);
            s1.put(t2, 1);
            s2.put(t1, 1);
            s2.put(t2, 1);
            s1 = t1;
            s2 = t2;
        }
        return serialise(root);
    }

    /**
     * A {@code HashMap} keyed by the top of {@code depth} levels of two {@code ArrayList}s each holding both lists of
     * the level below: hashing the key costs about {@code 2^depth} list hashes.
     */
    @SuppressWarnings("unchecked")
    public static byte[] listKeyBomb(int depth) {
        List<Object> top = new ArrayList<>();
        List<Object> s1 = top;
        List<Object> s2 = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            List<Object> t1 = new ArrayList<>();
            List<Object> t2 = new ArrayList<>();
            t1.add("foo");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        Map<Object, Object> m = new HashMap<>();
        m.put(new ArrayList<>(), 1); // the key is hashed when put: an empty list, then filled
        ((List<Object>) m.keySet().iterator().next()).add(top);
        return serialise(m);
    }

    /**
     * An empty {@code HashMap} whose stream claims {@code 2^30 - 1} mappings (90 bytes): reading it allocates a
     * table of a billion entries before it finds the stream ends.
     */
    public static byte[] hugeHashMap() {
        byte[] b = serialise(new HashMap<>());
        // HashMap.writeObject ends with block data: buckets (int), size (int), then TC_ENDBLOCKDATA
        ByteBuffer.wrap(b, b.length - 5, 4).putInt(0x3fffffff);
        return b;
    }

    /** A 27-byte stream declaring a {@code long[length]} and holding none of it. */
    public static byte[] longArray(int length) {
        ByteBuffer b = ByteBuffer.allocate(27);
        b.putShort((short) 0xaced).putShort((short) 5);
        b.put((byte) 0x75).put((byte) 0x72).putShort((short) 2).put("[J".getBytes(StandardCharsets.US_ASCII));
        b.putLong(ObjectStreamUid.LONG_ARRAY).put((byte) 0x02).putShort((short) 0);
        b.put((byte) 0x78).put((byte) 0x70).putInt(length);
        return b.array();
    }

    /** A serialisable object of a class no Hark model holds. */
    public static final class Stranger implements Serializable {
        private static final long serialVersionUID = 1L;
        /** Set when an instance is deserialised: a loader that admits this class has already failed. */
        public static volatile boolean created;

        private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            created = true;
        }
    }

    private static final class ObjectStreamUid {
        static final long LONG_ARRAY = java.io.ObjectStreamClass.lookup(long[].class).getSerialVersionUID();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Deflate's bit order: fields LSB first, Huffman codes MSB first. */
    private static final class BitWriter {
        private final byte[] buf;
        private int bit;

        BitWriter(int capacity) {
            buf = new byte[capacity];
        }

        void bits(int value, int n) {
            for (int i = 0; i < n; i++) {
                put((value >>> i) & 1);
            }
        }

        void code(int code, int n) {
            for (int i = n - 1; i >= 0; i--) {
                put((code >>> i) & 1);
            }
        }

        private void put(int b) {
            buf[bit >>> 3] |= (byte) (b << (bit & 7));
            bit++;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, (bit + 7) >>> 3);
        }
    }
}
