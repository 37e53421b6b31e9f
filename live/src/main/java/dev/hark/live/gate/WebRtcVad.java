package dev.hark.live.gate;

import dev.hark.core.frontend.FrontEndParams;
import dev.hark.errors.ModelException;
import io.github.givimad.libfvadjni.VoiceActivityDetector;
import java.io.IOException;

/**
 * WebRTC's voice activity detector (libfvad through libfvad-jni) as an activity gate on 30 ms frames of
 * 16 kHz audio. Detects SPEECH: barks and alarms may not open it, which is why the default gate ORs it with
 * the energy gate. Its first {@link #WARM_UP_FRAMES} frames after creation or reset are reported inactive:
 * libfvad calls the first frames of even a quiet room speech while its noise model settles.
 *
 * <p>libfvad-jni 1.0.0-1 leaks a copy of every frame handed to it (its JNI code gets the array's elements and
 * never releases them: 960 bytes per 30 ms frame, about 115 MB per hour if every frame went through). So the
 * native detector is consulted only for frames that can be speech: at least {@link #MIN_LEVEL_DBFS} and
 * {@link #ABOVE_FLOOR_DB} above the steady background (a noise floor tracked like the energy gate's); other
 * frames are inactive without a native call. In a quiet room or a steady background nothing leaks; during
 * sound the default gate consults the energy gate first and skips the VAD when that is already open.
 * {@link #nativeCalls()} counts the calls. Holds native memory: close it.
 */
public final class WebRtcVad implements ActivityGate {
    private final VoiceActivityDetector vad;
    private final VoiceActivityDetector.Mode mode;
    /** Frames (30 ms) ignored after creation or reset while the VAD's noise model settles. */
    public static final int WARM_UP_FRAMES = 10;

    /** Frames quieter than this are never speech (about 15 dB under the energy gate's default threshold). */
    public static final double MIN_LEVEL_DBFS = -65.0;
    /** Frames within this of the steady background are not sent to the native detector. */
    public static final double ABOVE_FLOOR_DB = 3.0;
    private static final double FLOOR_RISE_DB_PER_FRAME = 0.5 * FRAME_SAMPLES / FrontEndParams.SAMPLE_RATE_HZ;

    private final short[] frame = new short[FRAME_SAMPLES];
    private int framesSeen;
    private double floorDbfs = MIN_LEVEL_DBFS;
    private long nativeCalls;
    private boolean closed;

    /** @param vadMode 0 (quality: least aggressive) to 3 (very aggressive) */
    public WebRtcVad(int vadMode) {
        if (vadMode < 0 || vadMode > 3) {
            throw new IllegalArgumentException("VAD mode must be 0 to 3: " + vadMode);
        }
        this.mode = VoiceActivityDetector.Mode.values()[vadMode];
        try {
            VoiceActivityDetector.loadLibrary();
            vad = VoiceActivityDetector.newInstance();
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new ModelException("WebRTC VAD: cannot load its native library (" + e.getMessage()
                    + "); use --gate energy", e);
        }
        configure();
    }

    private void configure() {
        try {
            if (!vad.setSampleRate(VoiceActivityDetector.SampleRate.S16000) || !vad.setMode(mode)) {
                throw new ModelException("WebRTC VAD refused 16 kHz / mode " + mode);
            }
        } catch (IOException e) {
            throw new ModelException("WebRTC VAD: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "webrtc";
    }

    @Override
    public boolean isActive(float[] x, int off) {
        double level = dev.hark.live.gate.EnergyGate.levelDbfs(x, off, FRAME_SAMPLES);
        boolean candidate = level >= MIN_LEVEL_DBFS && level >= floorDbfs + ABOVE_FLOOR_DB;
        floorDbfs = level < floorDbfs ? level : Math.min(level, floorDbfs + FLOOR_RISE_DB_PER_FRAME);
        if (!candidate) {
            framesSeen++;
            return false;
        }
        nativeCalls++;
        for (int i = 0; i < FRAME_SAMPLES; i++) {
            long s = Math.round(x[off + i] * 32768.0);
            frame[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s));
        }
        try {
            boolean speech = vad.process(frame);
            return framesSeen++ >= WARM_UP_FRAMES && speech;
        } catch (IOException e) {
            throw new ModelException("WebRTC VAD failed on a frame: " + e.getMessage(), e);
        }
    }

    /** Forgets history; the sample rate and mode are set again (libfvad's reset clears them). */
    @Override
    public void reset() {
        try {
            vad.reset();
            framesSeen = 0;
            floorDbfs = MIN_LEVEL_DBFS;
        } catch (IOException e) {
            throw new ModelException("WebRTC VAD reset failed: " + e.getMessage(), e);
        }
        configure();
    }

    /** Frames handed to the native detector so far (each leaks 960 bytes in libfvad-jni 1.0.0-1). */
    public long nativeCalls() {
        return nativeCalls;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            vad.close();
        }
    }
}
