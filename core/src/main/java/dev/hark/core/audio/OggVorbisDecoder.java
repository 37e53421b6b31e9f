package dev.hark.core.audio;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jogg.SyncState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Decodes Ogg Vorbis with JOrbis directly (the decoder inside vorbisspi), taking its float output as it is:
 * no 16-bit round trip, and no early stop at pages that carry no complete packet (the SPI stream stops there).
 * When the last page's granule position gives the stream length, output stops there (end trimming, as libvorbis).
 */
final class OggVorbisDecoder implements Decoder {
    private static final int CHUNK = 8192;

    private final Path path;
    private final InputStream in;
    private final long totalFrames;
    private final SyncState sync = new SyncState();
    private final StreamState stream = new StreamState();
    private final Page page = new Page();
    private final Packet packet = new Packet();
    private final Info vorbis = new Info();
    private final Comment comment = new Comment();
    private final DspState dsp = new DspState();
    private final Block block;
    private final float[][][] pcmHolder = new float[1][][];
    private final int[] pcmIndex;
    private final int channels;
    private long framesOut;
    private boolean streamEnded;
    private boolean inputEnded;

    /** Reads the three Vorbis headers; {@code totalFrames} caps the output (-1 if unknown). */
    OggVorbisDecoder(Path path, InputStream in, long totalFrames) throws IOException {
        this.path = path;
        this.in = in;
        this.totalFrames = totalFrames;
        sync.init();
        vorbis.init();
        comment.init();
        try {
            if (!nextPage()) {
                throw AudioReader.bad(path, "truncated Ogg file: no complete first page");
            }
            stream.init(page.serialno());
            if (stream.pagein(page) < 0 || stream.packetout(packet) != 1
                    || vorbis.synthesis_headerin(comment, packet) < 0) {
                throw AudioReader.bad(path, "corrupt Ogg Vorbis: bad identification header");
            }
            int headers = 1;
            while (headers < 3) {
                int r = stream.packetout(packet);
                if (r == 1) {
                    if (vorbis.synthesis_headerin(comment, packet) < 0) {
                        throw AudioReader.bad(path, "corrupt Ogg Vorbis: bad comment or setup header");
                    }
                    headers++;
                } else if (r < 0) {
                    throw AudioReader.bad(path, "corrupt Ogg Vorbis: a header packet is damaged");
                } else {
                    if (!nextPage()) {
                        throw AudioReader.bad(path, "truncated Ogg Vorbis: the file ends inside the headers");
                    }
                    stream.pagein(page);
                }
            }
            dsp.synthesis_init(vorbis);
            block = new Block(dsp);
        } catch (RuntimeException e) {
            if (e instanceof dev.hark.errors.BadInputException) {
                throw e;
            }
            throw AudioReader.bad(path, "corrupt Ogg Vorbis header: " + SpiDecoder.describe(e), e);
        }
        this.channels = vorbis.channels;
        this.pcmIndex = new int[channels];
    }

    /** Reads the next page from the stream into {@link #page}; false at the end of the input. */
    private boolean nextPage() throws IOException {
        while (true) {
            int r = sync.pageout(page);
            if (r == 1) {
                return true;
            }
            // r == -1: a gap (damaged or missing data); JOrbis resynchronises on the next page.
            if (inputEnded) {
                return false;
            }
            int at = sync.buffer(CHUNK);
            int n = in.read(sync.data, at, CHUNK);
            if (n <= 0) {
                inputEnded = true;
                sync.wrote(0);
            } else {
                sync.wrote(n);
            }
        }
    }

    @Override
    public int read(float[] mono, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        try {
            while (true) {
                if (totalFrames >= 0 && framesOut >= totalFrames) {
                    return -1;
                }
                int samples = dsp.synthesis_pcmout(pcmHolder, pcmIndex);
                if (samples > 0) {
                    int n = Math.min(samples, length);
                    if (totalFrames >= 0) {
                        n = (int) Math.min(n, totalFrames - framesOut);
                    }
                    mix(pcmHolder[0], n, mono, offset);
                    dsp.synthesis_read(n);
                    framesOut += n;
                    return n;
                }
                int r = stream.packetout(packet);
                if (r == 1) {
                    if (block.synthesis(packet) == 0) {
                        dsp.synthesis_blockin(block);
                    }
                    continue;
                }
                if (r < 0) {
                    continue; // a hole in the data: skip it
                }
                if (streamEnded || !nextPage()) {
                    return -1;
                }
                stream.pagein(page);
                if (page.eos() != 0) {
                    streamEnded = true;
                }
            }
        } catch (RuntimeException e) {
            throw AudioReader.bad(path, "corrupt Ogg Vorbis data: " + SpiDecoder.describe(e), e);
        }
    }

    private void mix(float[][] pcm, int n, float[] out, int offset) {
        if (channels == 1) {
            float[] c0 = pcm[0];
            int i0 = pcmIndex[0];
            for (int i = 0; i < n; i++) {
                out[offset + i] = clamp(c0[i0 + i]);
            }
            return;
        }
        float inv = 1f / channels;
        for (int i = 0; i < n; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += pcm[c][pcmIndex[c] + i];
            }
            out[offset + i] = clamp(sum * inv);
        }
    }

    private float clamp(float v) {
        if (v >= -1f && v <= 1f) {
            return v;
        }
        if (Float.isNaN(v)) {
            throw AudioReader.bad(path, "corrupt Ogg Vorbis data: the decoder produced NaN at frame " + framesOut);
        }
        return v > 0 ? 1f : -1f;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
