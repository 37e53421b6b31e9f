package dev.hark.core.audio;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A streaming, band-limited sample-rate converter: a Kaiser-windowed sinc evaluated as a polyphase filter bank
 * for the exact rational ratio {@code out/in}.
 *
 * <p>Design: the cut-off (-6 dB) is at {@value #CUTOFF_FRACTION} of the lower rate's Nyquist frequency (7.8 kHz
 * for a 16 kHz output), the filter spans {@value #ZERO_CROSSINGS} zero crossings of the sinc on each side and the
 * Kaiser window has beta {@value #KAISER_BETA}: for 44.1 kHz to 16 kHz this is flat to 0.02 dB up to 7 kHz, -1.7 dB
 * at 7.5 kHz, -40 dB at 8.5 kHz and below -90 dB from 9 kHz on. Every phase is normalised to unit DC gain.
 *
 * <p>Output sample {@code n} sits at input time {@code n * in / out} (no delay; the signal is taken as zero before
 * its start and after its end), so {@code ceil(inputSamples * out / in)} samples come out in total. The output does
 * not depend on how the input is chunked. Equal rates give an exact copy. Not thread-safe.
 */
public final class Resampler {
    /** The cut-off as a fraction of the lower of the two Nyquist frequencies. */
    public static final double CUTOFF_FRACTION = 0.975;
    /** Zero crossings of the sinc on each side of the centre. */
    public static final int ZERO_CROSSINGS = 24;
    /** The Kaiser window's beta. */
    public static final double KAISER_BETA = 9.5;
    /** Above this many coefficients the bank is not tabulated; each output's taps are interpolated instead. */
    private static final int MAX_TABLE_FLOATS = 1 << 22;
    /** Oversampling of the prototype filter table used when the bank is not tabulated. */
    private static final int PROTOTYPE_STEPS = 4096;
    /** Banks up to this many coefficients are kept for the next resampler of the same two rates. */
    private static final int MAX_KEPT_FLOATS = 1 << 20;
    /** How many banks are kept, the least recently used given up first: at most 32 MB. */
    private static final int KEPT_BANKS = 8;
    /**
     * Tabulated banks by their two rates (input rate in the high half of the key). A data set's files mostly share
     * one rate, and computing a bank (160 phases of 136 Kaiser-windowed taps for 44.1 to 16 kHz) costs more than
     * resampling a five-second clip with it. Banks are never written after they are made, so sharing one is safe.
     */
    private static final Map<Long, float[]> KEPT = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, float[]> eldest) {
            return size() > KEPT_BANKS;
        }
    };

    private final int inputRateHz;
    private final int outputRateHz;
    private final boolean identity;
    private final long up;
    private final long down;
    private final int half;
    private final int taps;
    private final float[] bank;
    private final double[] prototype;
    private final double cutoffPerSample;
    private final float[] scratchTaps;
    private final double[] scratchCoefficients;

    /** Input samples with absolute index bufStart .. bufStart + bufLen - 1. */
    private float[] buf;
    private int bufLen;
    private long bufStart;
    private long inputCount;
    private long nextOutput;
    private boolean flushed;

    /**
     * @param inputRateHz  the rate of the samples given to {@link #process}
     * @param outputRateHz the rate of the samples returned
     */
    public Resampler(int inputRateHz, int outputRateHz) {
        if (inputRateHz <= 0 || outputRateHz <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: input " + inputRateHz + " Hz, output "
                    + outputRateHz + " Hz");
        }
        this.inputRateHz = inputRateHz;
        this.outputRateHz = outputRateHz;
        this.identity = inputRateHz == outputRateHz;
        long g = gcd(inputRateHz, outputRateHz);
        this.up = outputRateHz / g;
        this.down = inputRateHz / g;
        double cutoffHz = CUTOFF_FRACTION * Math.min(inputRateHz, outputRateHz) / 2.0;
        this.cutoffPerSample = cutoffHz / inputRateHz;
        this.half = identity ? 0 : (int) Math.ceil(ZERO_CROSSINGS / (2.0 * cutoffPerSample));
        this.taps = 2 * half;
        if (identity) {
            bank = null;
            prototype = null;
            scratchTaps = null;
            scratchCoefficients = null;
        } else if (up * taps <= MAX_TABLE_FLOATS) {
            bank = bank();
            prototype = null;
            scratchTaps = null;
            scratchCoefficients = null;
        } else {
            bank = null;
            prototype = new double[half * PROTOTYPE_STEPS + 2];
            for (int i = 0; i < prototype.length; i++) {
                prototype[i] = kernel(i / (double) PROTOTYPE_STEPS);
            }
            scratchTaps = new float[taps];
            scratchCoefficients = new double[taps];
        }
        buf = new float[Math.max(4096, 2 * taps)];
        // The signal is zero before its start: the first outputs see half-1 zeros on their left.
        bufLen = Math.max(0, half - 1);
        bufStart = -bufLen;
    }

    public int inputRateHz() {
        return inputRateHz;
    }

    public int outputRateHz() {
        return outputRateHz;
    }

    /**
     * Feeds input samples and returns the output samples they complete (possibly none).
     * The returned array is new and belongs to the caller.
     */
    public float[] process(float[] in, int offset, int length) {
        if (flushed) {
            throw new IllegalStateException("Resampler already flushed");
        }
        if (offset < 0 || length < 0 || offset + length > in.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + in.length);
        }
        if (identity) {
            inputCount += length;
            return Arrays.copyOfRange(in, offset, offset + length);
        }
        append(in, offset, length);
        inputCount += length;
        // Output n needs input up to index floor(n * down / up) + half.
        return produce(inputCount);
    }

    /** Ends the stream: returns the remaining output samples (the tail, with zeros after the input's end). */
    public float[] flush() {
        if (flushed) {
            return new float[0];
        }
        flushed = true;
        if (identity) {
            return new float[0];
        }
        append(new float[half + 1], 0, half + 1);
        return produce(inputCount + half + 1);
    }

    /** Total output samples for a total input length. */
    public long outputLength(long inputSamples) {
        return identity ? inputSamples : ceilDiv(inputSamples * up, down);
    }

    private float[] produce(long available) {
        long totalOut = ceilDiv(inputCount * up, down);
        // n is ready when floor(n*down/up) + half < available
        long lastIdx = available - half - 1; // floor(n*down/up) <= lastIdx  <=>  n*down < (lastIdx+1)*up
        long ready = lastIdx < 0 ? 0 : ceilDiv((lastIdx + 1) * up, down);
        if (flushed) {
            ready = totalOut;
        } else {
            ready = Math.min(ready, totalOut);
        }
        int count = (int) Math.max(0, ready - nextOutput);
        float[] out = new float[count];
        final float[] x = buf;
        for (int j = 0; j < count; j++) {
            long n = nextOutput + j;
            long pos = n * down;
            long i0 = pos / up;
            int phase = (int) (pos - i0 * up);
            int first = (int) (i0 - half + 1 - bufStart);
            float[] coef;
            int c0;
            if (bank != null) {
                coef = bank;
                c0 = phase * taps;
            } else {
                coef = scratchTaps;
                c0 = 0;
                interpolatePhase(phase / (double) up, scratchTaps);
            }
            out[j] = dot(x, first, coef, c0, taps);
        }
        nextOutput += count;
        // Drop input no longer needed by the next output.
        long i0next = (nextOutput * down) / up;
        long keepFrom = i0next - half + 1;
        int drop = (int) Math.max(0, Math.min(bufLen, keepFrom - bufStart));
        if (drop > 0) {
            System.arraycopy(buf, drop, buf, 0, bufLen - drop);
            bufLen -= drop;
            bufStart += drop;
        }
        return out;
    }

    /** Eight independent partial sums keep the FPU pipelines busy; the order is fixed, so results are too. */
    private static float dot(float[] x, int xi, float[] c, int ci, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int k = 0;
        for (; k + 7 < n; k += 8) {
            s0 += x[xi + k] * c[ci + k];
            s1 += x[xi + k + 1] * c[ci + k + 1];
            s2 += x[xi + k + 2] * c[ci + k + 2];
            s3 += x[xi + k + 3] * c[ci + k + 3];
            s4 += x[xi + k + 4] * c[ci + k + 4];
            s5 += x[xi + k + 5] * c[ci + k + 5];
            s6 += x[xi + k + 6] * c[ci + k + 6];
            s7 += x[xi + k + 7] * c[ci + k + 7];
        }
        for (; k < n; k++) {
            s0 += x[xi + k] * c[ci + k];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    private void append(float[] in, int offset, int length) {
        if (bufLen + length > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, bufLen + length));
        }
        System.arraycopy(in, offset, buf, bufLen, length);
        bufLen += length;
    }

    /** This pair of rates' bank: one kept from an earlier resampler, or a new one (then kept if small enough). */
    private float[] bank() {
        long key = ((long) inputRateHz << 32) | outputRateHz;
        synchronized (KEPT) {
            float[] kept = KEPT.get(key);
            if (kept != null) {
                return kept;
            }
        }
        float[] made = new float[(int) (up * taps)];
        for (int p = 0; p < up; p++) {
            fillPhase(p / (double) up, made, p * taps);
        }
        if (made.length <= MAX_KEPT_FLOATS) {
            synchronized (KEPT) {
                KEPT.putIfAbsent(key, made);
            }
        }
        return made;
    }

    /** Coefficients for fractional position frac in [0,1): tap k weighs input i0 - half + 1 + k. */
    private void fillPhase(double frac, float[] dst, int at) {
        double[] c = new double[taps];
        double sum = 0;
        for (int k = 0; k < taps; k++) {
            c[k] = kernel(frac + half - 1 - k);
            sum += c[k];
        }
        for (int k = 0; k < taps; k++) {
            dst[at + k] = (float) (c[k] / sum);
        }
    }

    private void interpolatePhase(double frac, float[] dst) {
        double sum = 0;
        double[] c = scratchCoefficients;
        for (int k = 0; k < taps; k++) {
            double t = Math.abs(frac + half - 1 - k) * PROTOTYPE_STEPS;
            int i = (int) t;
            double f = t - i;
            c[k] = i + 1 < prototype.length ? prototype[i] + f * (prototype[i + 1] - prototype[i]) : 0;
            sum += c[k];
        }
        for (int k = 0; k < taps; k++) {
            dst[k] = (float) (c[k] / sum);
        }
    }

    /** The windowed-sinc impulse response at tau input samples from the centre. */
    private double kernel(double tau) {
        double u = tau / half;
        if (Math.abs(u) >= 1) {
            return 0;
        }
        double x = 2 * cutoffPerSample * tau;
        double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        return 2 * cutoffPerSample * sinc * besselI0(KAISER_BETA * Math.sqrt(1 - u * u)) / besselI0(KAISER_BETA);
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 200; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return sum;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
