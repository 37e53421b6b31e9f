package dev.hark.core.io;

import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a {@code .npy} file: the magic {@code \x93NUMPY}, the format version, and a Python dict literal
 * giving the dtype ({@code descr}), {@code fortran_order} and {@code shape}. Written as version 1.0; read in
 * versions 1, 2 and 3, C order only (Fortran order is refused).
 *
 * @param descr the dtype string, e.g. {@code <f4}
 * @param shape the dimensions; empty for a scalar
 */
record NpyHeader(String descr, int[] shape) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy aligns the data start to 64 bytes. */
    private static final int ALIGN = 64;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /**
     * The bytes of a version 1.0 header for C-order data: magic, version, length and dict, padded with spaces and
     * a newline to at least {@code minBytes} (0: no minimum) and to a multiple of 64.
     *
     * @throws IllegalStateException if a {@code minBytes} is given and the header does not fit in exactly that
     */
    static byte[] format(String descr, long[] shape, int minBytes) {
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

    /**
     * Reads a header from {@code in}, leaving it at the first data byte; {@code name} is used in messages.
     *
     * @throws BadInputException if it is not a {@code .npy} header or lacks a field
     */
    static NpyHeader read(InputStream in, String name) throws IOException {
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
        return parse(new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1), name);
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

    private static NpyHeader parse(String header, String name) {
        Matcher descrM = DESCR.matcher(header);
        if (!descrM.find()) {
            if (header.contains("'descr'") && header.matches("(?s).*'descr'\\s*:\\s*\\[.*")) {
                throw new BadInputException(name + ": structured (record) arrays are not supported");
            }
            throw new BadInputException(name + ": .npy header has no dtype ('descr'): " + shown(header));
        }
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
        return new NpyHeader(descrM.group(1), parseShape(shapeM.group(1), name));
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
                throw new BadInputException(name + ": bad shape (" + shown(text) + ") in .npy header");
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new BadInputException(name + ": bad dimension " + v + " in shape (" + shown(text) + ")");
            }
            shape[count++] = (int) v;
        }
        return Arrays.copyOf(shape, count);
    }

    /** Header text as a message may show it: printable ASCII only, on one line, at most 80 characters. */
    private static String shown(String text) {
        String t = text.strip().replaceAll("[^\\x20-\\x7e]", "?");
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }
}
