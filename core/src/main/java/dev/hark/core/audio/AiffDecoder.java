package dev.hark.core.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Opens an AIFF or AIFF-C file: an IFF {@code FORM} of big-endian chunks (padded to even sizes, in any order,
 * unknown ones skipped) of which {@code COMM} gives channels, frames, sample size and the sample rate as an 80-bit
 * IEEE extended number, and {@code SSND} holds the samples after its offset field. AIFF is big-endian linear PCM of
 * 1 to 32 bits (left-justified in whole bytes); AIFF-C adds a compression type: {@code NONE}/{@code twos}
 * (big-endian), {@code sowt} (little-endian), {@code fl32}/{@code fl64} (IEEE float), {@code ulaw} and {@code alaw}.
 */
final class AiffDecoder {
    private AiffDecoder() {
    }

    static AudioReader open(Path path, FileChannel ch, long fileSize) throws IOException {
        ByteBuffer form = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN);
        readFully(ch, form, 0, path, "FORM header");
        boolean aifc = FormatSniffer.ascii(form.array(), 8, 4).equals("AIFC");
        String container = aifc ? "AIFF-C" : "AIFF";
        ByteBuffer comm = null;
        long ssndBody = -1;
        long ssndSize = -1;
        long pos = 12;
        ByteBuffer chunk = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
        while (pos + 8 <= fileSize && (comm == null || ssndBody < 0)) {
            readFully(ch, chunk, pos, path, "chunk header");
            String id = FormatSniffer.ascii(chunk.array(), 0, 4);
            long size = chunk.getInt(4) & 0xffffffffL;
            long body = pos + 8;
            if (id.equals("COMM")) {
                if (size < 18 || (aifc && size < 22)) {
                    throw AudioReader.bad(path, "corrupt " + container + " header: COMM chunk of " + size + " bytes");
                }
                comm = ByteBuffer.allocate((int) Math.min(size, 64)).order(ByteOrder.BIG_ENDIAN);
                readFully(ch, comm, body, path, "COMM chunk");
            } else if (id.equals("SSND")) {
                if (size < 8) {
                    throw AudioReader.bad(path, "corrupt " + container + " header: SSND chunk of " + size + " bytes");
                }
                ByteBuffer ssnd = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN);
                readFully(ch, ssnd, body, path, "SSND chunk");
                long offset = ssnd.getInt(0) & 0xffffffffL;
                ssndBody = body + 8 + offset;
                ssndSize = size - 8 - offset;
                if (ssndSize < 0) {
                    throw AudioReader.bad(path, "corrupt " + container + " header: SSND offset " + offset
                            + " beyond its chunk of " + size + " bytes");
                }
            }
            long next = body + size;
            pos = next + (next & 1);
        }
        if (comm == null) {
            throw AudioReader.bad(path, "truncated or corrupt " + container + ": no COMM chunk");
        }
        int channels = comm.getShort(0);
        long frames = comm.getInt(2) & 0xffffffffL;
        int bits = comm.getShort(6);
        double rateHz = extended(comm, 8);
        if (channels <= 0) {
            throw AudioReader.bad(path, "corrupt " + container + " header: " + (channels == 0 ? "zero" : "" + channels)
                    + " channels");
        }
        if (!(rateHz >= 0.5) || rateHz > 1e12) {
            throw AudioReader.bad(path, "corrupt " + container + " header: sample rate " + rateHz + " Hz");
        }
        long rate = Math.round(rateHz);
        AudioReader.checkRateAndChannels(path, rate, channels);
        String compression = aifc ? FormatSniffer.ascii(comm.array(), 18, 4) : "NONE";
        String encoding;
        BlockCodec codec;
        switch (compression) {
            case "NONE", "twos", "sowt" -> {
                if (bits < 1 || bits > 32) {
                    throw AudioReader.bad(path, "unsupported " + container + ": " + bits + "-bit samples (1 to 32 supported)");
                }
                encoding = "PCM_SIGNED";
                codec = BlockCodec.pcm(new PcmDecoder(PcmDecoder.Encoding.SIGNED, 8 * ((bits + 7) / 8), channels,
                        !compression.equals("sowt")));
            }
            case "fl32", "FL32", "fl64", "FL64" -> {
                encoding = "PCM_FLOAT";
                bits = compression.endsWith("32") ? 32 : 64;
                codec = BlockCodec.pcm(new PcmDecoder(PcmDecoder.Encoding.FLOAT, bits, channels, true));
            }
            case "ulaw", "ULAW", "alaw", "ALAW" -> {
                boolean mu = compression.equalsIgnoreCase("ulaw");
                encoding = mu ? "ULAW" : "ALAW";
                bits = 8;
                codec = new G711(mu ? G711.Law.MU_LAW : G711.Law.A_LAW, channels);
            }
            default -> throw AudioReader.bad(path, "unsupported AIFF-C compression '" + printable(compression)
                    + "' (NONE, twos, sowt, fl32, fl64, ulaw and alaw are supported)");
        }
        if (ssndBody < 0) {
            throw AudioReader.bad(path, "truncated or corrupt " + container + ": no SSND chunk (header only?)");
        }
        long available = Math.max(0, fileSize - ssndBody);
        long declared = Math.min(ssndSize, frames * codec.blockBytes());
        if (frames * codec.blockBytes() > ssndSize) {
            throw AudioReader.bad(path, "corrupt " + container + ": COMM declares " + frames + " frames but the SSND "
                    + "chunk holds " + BlockDecoder.framesIn(ssndSize, codec));
        }
        if (declared > available) {
            throw AudioReader.bad(path, "truncated or corrupt " + container + ": the header declares " + frames
                    + " frames (" + declared + " bytes) but the file holds only " + available + " bytes of them");
        }
        if (frames == 0) {
            throw AudioReader.bad(path, "no audio: the " + container + " file holds no samples (header only)");
        }
        AudioFileInfo info = new AudioFileInfo(path, container, encoding, (int) rate, channels, bits, frames,
                frames / (double) rate);
        return new AudioReader(path, info, new BlockDecoder(path, ch, codec, ssndBody, declared, frames, (int) rate,
                container));
    }

    /**
     * The 80-bit IEEE 754 extended-precision number at {@code at}: sign, 15-bit exponent (bias 16383), 64-bit
     * mantissa with an explicit integer bit. NaN for infinities and NaNs.
     */
    static double extended(ByteBuffer b, int at) {
        int se = b.getShort(at) & 0xffff;
        long mantissa = b.getLong(at + 2);
        int exponent = se & 0x7fff;
        if (exponent == 0x7fff) {
            return Double.NaN;
        }
        if (mantissa == 0) {
            return 0;
        }
        // The mantissa is an unsigned 64-bit integer: value = mantissa * 2^(exponent - 16383 - 63).
        double m = (mantissa >>> 11) * 2048.0 + (mantissa & 0x7ff);
        double v = Math.scalb(m, exponent - 16383 - 63);
        return (se & 0x8000) != 0 ? -v : v;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at, Path path, String what) throws IOException {
        b.clear();
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw AudioReader.bad(path, "truncated AIFF: the file ends inside the " + what);
            }
        }
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return sb.toString();
    }
}
