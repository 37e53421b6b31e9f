package dev.hark.live.capture;

import dev.hark.core.audio.PcmDecoder;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;

/**
 * A microphone through Java Sound, with Hark's own line-opening code: the device is chosen by index or name
 * (default: the system's default capture line), opened at 16 kHz mono signed 16-bit little-endian when it
 * offers that, else at the rate nearest 16 kHz that it accepts (the Detector resamples), with a capture buffer
 * of at least {@link #MIN_BUFFER_SECONDS}. {@link #read} only reads and decodes bytes, returning as soon as the
 * line holds any ({@link PollingLineReader}: Java Sound's own read would wait for the whole request, in steps of a
 * quarter of the buffer).
 */
public final class MicrophoneSource implements AudioSource {
    /** Capture buffers under about half a second read zeros on some devices. */
    public static final double MIN_BUFFER_SECONDS = 0.5;
    /** The buffer asked for. */
    public static final double BUFFER_SECONDS = 1.0;

    /** Rates tried in order when 16 kHz is refused: higher rates first (down-sampling loses nothing needed). */
    private static final float[] FALLBACK_RATES_HZ = {FrontEndParams.SAMPLE_RATE_HZ, 48_000, 32_000, 44_100, 22_050,
        24_000, 96_000, 88_200, 11_025, 8_000};

    private final String deviceSpec;
    private volatile TargetDataLine line;
    private PcmDecoder decoder;
    private PollingLineReader reader;
    private byte[] bytes = new byte[0];
    private volatile boolean closing;

    /** @param deviceSpec a capture-device index, (part of) a device name, or null for the system default */
    public MicrophoneSource(String deviceSpec) {
        this.deviceSpec = deviceSpec == null || deviceSpec.isBlank() ? null : deviceSpec.strip();
    }

    @Override
    public String name() {
        return deviceSpec == null ? "default capture device" : "capture device '" + deviceSpec + "'";
    }

    @Override
    public boolean realtime() {
        return true;
    }

    @Override
    public boolean reconnectable() {
        return true;
    }

    /** The capture devices Java Sound sees, in index order. */
    public static List<CaptureDevice> devices() {
        List<CaptureDevice> out = new ArrayList<>();
        for (Mixer.Info mi : AudioSystem.getMixerInfo()) {
            Mixer m;
            try {
                m = AudioSystem.getMixer(mi);
            } catch (IllegalArgumentException | SecurityException e) {
                continue; // a mixer that cannot be instantiated is not usable for capture either
            }
            Line.Info[] targets = m.getTargetLineInfo(new Line.Info(TargetDataLine.class));
            if (targets.length == 0) {
                continue;
            }
            // group the declared encodings by channel layout and rate: "mono, any rate: s16le s16be s24le"
            java.util.Map<String, Set<String>> byLayout = new java.util.LinkedHashMap<>();
            for (Line.Info li : targets) {
                if (li instanceof DataLine.Info di) {
                    for (AudioFormat f : di.getFormats()) {
                        String s = describe(f);
                        if (s != null) {
                            int sp = s.indexOf(' ');
                            byLayout.computeIfAbsent(s.substring(sp + 1), k -> new LinkedHashSet<>())
                                    .add(s.substring(0, sp));
                        }
                    }
                }
            }
            List<String> formats = new ArrayList<>();
            byLayout.forEach((layout, encodings) -> formats.add(layout + ": " + String.join(" ", encodings)));
            out.add(new CaptureDevice(out.size(), mi.getName(), mi.getDescription(), formats));
        }
        return out;
    }

    /** A short line for a declared format, or null for placeholder entries (absurd channel counts). */
    static String describe(AudioFormat f) {
        int ch = f.getChannels();
        if (ch > 32 || (ch != AudioSystem.NOT_SPECIFIED && ch < 1)) {
            return null;
        }
        String enc = f.getEncoding().toString();
        if (!enc.startsWith("PCM")) {
            return null;
        }
        boolean signed = f.getEncoding() == AudioFormat.Encoding.PCM_SIGNED;
        int bits = f.getSampleSizeInBits();
        String rate = f.getSampleRate() == AudioSystem.NOT_SPECIFIED ? "any rate"
                : String.format(Locale.ROOT, "%.0f Hz", f.getSampleRate());
        String chans = ch == AudioSystem.NOT_SPECIFIED ? "any channels" : ch == 1 ? "mono" : ch + " channels";
        String order = bits <= 8 ? "" : f.isBigEndian() ? "be" : "le";
        return (signed ? "s" : "u") + bits + order + " " + chans + " " + rate;
    }

    private Mixer.Info chooseMixer() {
        if (deviceSpec == null) {
            return null;
        }
        List<CaptureDevice> devs = devices();
        if (devs.isEmpty()) {
            throw noDevice();
        }
        CaptureDevice chosen = null;
        if (deviceSpec.chars().allMatch(Character::isDigit)) {
            int idx = Integer.parseInt(deviceSpec);
            if (idx >= devs.size()) {
                throw new BadInputException("no capture device with index " + idx + " (there are " + devs.size()
                        + "; see 'hark devices')");
            }
            chosen = devs.get(idx);
        } else {
            List<CaptureDevice> exact = devs.stream().filter(d -> d.name().equalsIgnoreCase(deviceSpec)).toList();
            List<CaptureDevice> partial = devs.stream()
                    .filter(d -> d.name().toLowerCase(Locale.ROOT).contains(deviceSpec.toLowerCase(Locale.ROOT)))
                    .toList();
            if (exact.size() == 1) {
                chosen = exact.get(0);
            } else if (partial.size() == 1) {
                chosen = partial.get(0);
            } else if (partial.isEmpty()) {
                throw new BadInputException("no capture device named '" + deviceSpec + "' (see 'hark devices')");
            } else {
                throw new BadInputException("capture device name '" + deviceSpec + "' is ambiguous: "
                        + String.join(", ", partial.stream().map(d -> d.index() + " " + d.name()).toList())
                        + "; use the index");
            }
        }
        for (Mixer.Info mi : AudioSystem.getMixerInfo()) {
            if (mi.getName().equals(chosen.name()) && mi.getDescription().equals(chosen.description())) {
                return mi;
            }
        }
        throw new BadInputException("capture device '" + deviceSpec + "' disappeared");
    }

    private static BadInputException noDevice() {
        return new BadInputException("no microphone: Java Sound sees no capture device (none connected, no sound "
                + "server or ALSA device reachable, or no permission)");
    }

    /** The formats to try, best first: 16 kHz s16le mono, then nearest rates, mono before stereo, s16le first. */
    static List<AudioFormat> candidates() {
        List<AudioFormat> out = new ArrayList<>();
        int[][] layouts = {{16, 1, 0}, {16, 2, 0}, {16, 1, 1}, {16, 2, 1}, {24, 1, 0}, {24, 2, 0}, {32, 1, 0},
            {32, 2, 0}, {8, 1, 0}, {8, 2, 0}};
        for (float rate : FALLBACK_RATES_HZ) {
            for (int[] l : layouts) {
                boolean signed = l[0] != 8;
                out.add(new AudioFormat(rate, l[0], l[1], signed, l[2] == 1));
            }
        }
        // nearest rate first, with 16 kHz in front; the list above is already in preference order per rate
        out.sort(Comparator.comparingInt(f -> rateRank(f.getSampleRate())));
        return out;
    }

    private static int rateRank(float rate) {
        for (int i = 0; i < FALLBACK_RATES_HZ.length; i++) {
            if (FALLBACK_RATES_HZ[i] == rate) {
                return i;
            }
        }
        return FALLBACK_RATES_HZ.length;
    }

    @Override
    public SourceFormat open() {
        closeLine();
        closing = false;
        Mixer.Info mixerInfo = chooseMixer();
        Mixer mixer = mixerInfo == null ? null : AudioSystem.getMixer(mixerInfo);
        if (mixerInfo == null && devices().isEmpty()) {
            throw noDevice();
        }
        LineUnavailableException busy = null;
        for (AudioFormat f : candidates()) {
            DataLine.Info info = new DataLine.Info(TargetDataLine.class, f);
            boolean supported = mixer == null ? AudioSystem.isLineSupported(info) : mixer.isLineSupported(info);
            if (!supported) {
                continue;
            }
            TargetDataLine l;
            try {
                l = (TargetDataLine) (mixer == null ? AudioSystem.getLine(info) : mixer.getLine(info));
                int bufferBytes = (int) Math.ceil(f.getSampleRate() * BUFFER_SECONDS) * f.getFrameSize();
                l.open(f, bufferBytes);
            } catch (LineUnavailableException e) {
                busy = e;
                continue;
            } catch (IllegalArgumentException | SecurityException e) {
                continue; // this format is declared but refused: try the next
            }
            AudioFormat got = l.getFormat();
            double bufferSeconds = l.getBufferSize() / (double) got.getFrameSize() / got.getSampleRate();
            if (bufferSeconds < MIN_BUFFER_SECONDS) {
                l.close();
                continue;
            }
            decoder = new PcmDecoder(got.getEncoding() == AudioFormat.Encoding.PCM_SIGNED ? PcmDecoder.Encoding.SIGNED
                    : PcmDecoder.Encoding.UNSIGNED, got.getSampleSizeInBits(), got.getChannels(), got.isBigEndian());
            line = l;
            reader = new PollingLineReader(lineOf(l), got.getFrameSize(), PollingLineReader.Pause.SLEEP);
            l.start();
            String device = mixerInfo == null ? "default device" : "device '" + mixerInfo.getName() + "'";
            String desc = String.format(Locale.ROOT, "%s: %s, buffer %.2f s%s", device, describe(got), bufferSeconds,
                    got.getSampleRate() == FrontEndParams.SAMPLE_RATE_HZ ? ""
                            : ", resampled to " + FrontEndParams.SAMPLE_RATE_HZ + " Hz");
            return new SourceFormat(Math.round(got.getSampleRate()), desc);
        }
        if (busy != null) {
            throw new BadInputException(name() + " is busy or unavailable: " + busy.getMessage(), busy);
        }
        throw new BadInputException(name() + " accepts none of the capture formats Hark can use (PCM 8-32 bit, "
                + "8-96 kHz)");
    }

    @Override
    public int read(float[] buf, int off, int len) throws IOException {
        TargetDataLine l = line;
        if (l == null) {
            throw new IOException(name() + " is not open");
        }
        int need = len * decoder.frameBytes();
        if (bytes.length < need) {
            bytes = new byte[need];
        }
        int n;
        try {
            n = reader.read(bytes, need);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException(name() + " failed: " + e.getMessage(), e);
        }
        if (n <= 0) {
            if (closing) {
                return 0;
            }
            throw new IOException(name() + " stopped delivering audio (unplugged?)");
        }
        return decoder.decode(bytes, 0, n, buf, off);
    }

    /** The calls of {@code l} the reader makes; a line closed meanwhile (or replaced) reads as closed. */
    private PollingLineReader.Line lineOf(TargetDataLine l) {
        return new PollingLineReader.Line() {
            @Override
            public int available() {
                return line == l && l.isOpen() ? l.available() : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return l.read(b, off, len);
            }
        };
    }

    private void closeLine() {
        TargetDataLine l = line;
        line = null;
        if (l != null) {
            l.stop();
            l.close();
        }
    }

    @Override
    public void close() {
        closing = true;
        closeLine();
    }
}
