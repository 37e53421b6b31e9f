package dev.hark.core.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.util.ByteData;

/**
 * Decodes FLAC frame by frame with jflac's decoder directly (its Java Sound converter refuses more than two
 * channels). jflac hands on little-endian PCM, 8-bit samples offset by 128.
 */
final class FlacDecoder implements Decoder {
    private final Path path;
    private final InputStream in;
    private final FLACDecoder flac;
    private final PcmDecoder converter;
    private ByteData pcm;
    private int pcmFrames;
    private int pcmPos;

    FlacDecoder(Path path, InputStream in, int channels, int bitsPerSample) throws IOException {
        this.path = path;
        this.in = in;
        this.flac = new FLACDecoder(in);
        // jflac reports damage to its listeners, then skips to the next frame sync; on some damage it finds the same
        // sync again and loops for ever. Damage ends decoding here instead.
        flac.addFrameListener(new FrameListener() {
            @Override
            public void processMetadata(Metadata metadata) {
                // nothing to do
            }

            @Override
            public void processFrame(Frame frame) {
                // nothing to do
            }

            @Override
            public void processError(String msg) {
                throw new Damage(msg);
            }
        });
        try {
            flac.readMetadata();
        } catch (EOFException e) {
            throw AudioReader.bad(path, "truncated FLAC: the file ends inside the metadata", e);
        } catch (Damage e) {
            throw AudioReader.bad(path, "corrupt FLAC metadata", e);
        } catch (IOException | RuntimeException e) {
            throw AudioReader.bad(path, "corrupt FLAC metadata: " + SpiDecoder.describe(e), e);
        }
        int bytesPerSample = (bitsPerSample + 7) / 8;
        this.converter = new PcmDecoder(bytesPerSample == 1 ? PcmDecoder.Encoding.UNSIGNED : PcmDecoder.Encoding.SIGNED,
                8 * bytesPerSample, channels, false);
    }

    @Override
    public int read(float[] mono, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (pcm == null || pcmPos >= pcmFrames) {
            Frame frame;
            try {
                frame = flac.readNextFrame();
                if (frame == null) {
                    return -1;
                }
                pcm = flac.decodeFrame(frame, pcm);
            } catch (EOFException e) {
                throw AudioReader.bad(path, "truncated FLAC: the file ends inside a frame", e);
            } catch (Damage e) {
                throw AudioReader.bad(path, e.getMessage().contains("EOFException")
                        ? "truncated FLAC: the file ends inside a frame" : damage(e.getMessage()), e);
            } catch (IOException | RuntimeException e) {
                throw AudioReader.bad(path, "corrupt FLAC data: " + SpiDecoder.describe(e), e);
            }
            pcmFrames = pcm.getLen() / converter.frameBytes();
            pcmPos = 0;
        }
        int n = Math.min(length, pcmFrames - pcmPos);
        int frameBytes = converter.frameBytes();
        converter.decode(pcm.getData(), pcmPos * frameBytes, n * frameBytes, mono, offset);
        pcmPos += n;
        return n;
    }

    /** jflac's report of damage (its own jargon and exception names) in plain words. */
    private static String damage(String jflacMessage) {
        String m = jflacMessage == null ? "" : jflacMessage;
        if (m.contains("CRC")) {
            return "corrupt FLAC data: a frame's checksum (CRC) does not match its contents";
        }
        if (m.toLowerCase(java.util.Locale.ROOT).contains("header")) {
            return "corrupt FLAC data: a damaged frame header";
        }
        return "corrupt or truncated FLAC frame data";
    }

    /** Damage that jflac reported. */
    private static final class Damage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Damage(String message) {
            super(message);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
