package dev.hark.serve.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.core.concepts.LevelMeter;
import dev.hark.core.frontend.FrontEndParams;
import dev.hark.live.DetectionListener;
import dev.hark.serve.sink.EventHub;
import dev.hark.serve.sink.Json;
import java.util.Base64;

/**
 * The live spectrogram's feed: the detector's own log-mel frames (the ones its windows are made of, not a second
 * front end), each band quantised to one byte over the fixed range [{@value #LOW}, {@value #HIGH}] (natural log of
 * the mel energy), batched {@value #FRAMES_PER_MESSAGE} frames to a {@code frames} message (20 a second), with the
 * sound level of the last 50 ms. Messages are made only while a stream client asked for frames; on the processing
 * thread, without waiting (the hub drops a slow client's oldest messages).
 *
 * <pre>{"start_seconds":3.2,"hop_seconds":0.01,"bands":64,"frames":5,"low":-7.0,"high":5.0,"dbfs":-31.2,
 * "data":"BASE64 of frames x bands bytes, frame by frame, band 0 (lowest) first"}</pre>
 */
public final class FrameFeed implements DetectionListener {
    public static final String TYPE = "frames";
    public static final int FRAMES_PER_MESSAGE = 5;
    /** The quantisation range: log(0.001) is YAMNet's floor (silence), +5 above a full-scale tone's loudest band. */
    public static final double LOW = -7.0;
    public static final double HIGH = 5.0;
    private static final int BANDS = FrontEndParams.MEL_BANDS;

    private final EventHub hub;
    private final LevelMeter levels = new LevelMeter(FrontEndParams.SAMPLE_RATE_HZ / 20);
    private final byte[] batch = new byte[FRAMES_PER_MESSAGE * BANDS];
    private int frames;
    private double batchStartSeconds;
    private double lastDbfs = LevelMeter.SILENCE_DBFS;
    private volatile long sent;

    public FrameFeed(EventHub hub) {
        this.hub = hub;
    }

    /** {@code logMel} as a byte 0 to 255 (an unsigned value in a signed byte): LOW and below 0, HIGH and above 255. */
    public static byte quantise(float logMel) {
        double t = (logMel - LOW) / (HIGH - LOW);
        long q = Math.round(Math.max(0, Math.min(1, t)) * 255);
        return (byte) q;
    }

    /** The log-mel value a byte of {@link #quantise} stands for (within half a step, 0.024, inside the range). */
    public static double value(byte q) {
        return LOW + (q & 0xff) / 255.0 * (HIGH - LOW);
    }

    @Override
    public void onAudio(long startSample, float[] samples16k, int off, int len) {
        if (hub.wants(TYPE)) {
            levels.accept(startSample, samples16k, off, len, (start, dbfs) -> lastDbfs = dbfs);
        }
    }

    @Override
    public void onFrame(double startSeconds, float[] logMel64) {
        if (!hub.wants(TYPE)) {
            frames = 0;
            return;
        }
        if (frames == 0) {
            batchStartSeconds = startSeconds;
        }
        int base = frames * BANDS;
        for (int b = 0; b < BANDS; b++) {
            batch[base + b] = quantise(logMel64[b]);
        }
        if (++frames == FRAMES_PER_MESSAGE) {
            publish();
        }
    }

    private void publish() {
        ObjectNode o = Json.object();
        Json.put(o, "start_seconds", batchStartSeconds);
        o.put("hop_seconds", FrontEndParams.FRAME_HOP_SECONDS);
        o.put("bands", BANDS);
        o.put("frames", frames);
        o.put("low", LOW);
        o.put("high", HIGH);
        Json.put(o, "dbfs", Math.round(lastDbfs * 10) / 10.0);
        o.put("data", Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(batch, frames * BANDS)));
        hub.publish(TYPE, Json.write(o));
        frames = 0;
        sent++;
    }

    /** Messages published so far. */
    public long sent() {
        return sent;
    }
}
