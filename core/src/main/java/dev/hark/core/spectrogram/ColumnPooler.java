package dev.hark.core.spectrogram;

import dev.hark.core.frontend.FrameSink;
import dev.hark.core.frontend.FrontEndParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Max-pools a stream of log-mel frames into at most {@code maxColumns} columns, however long the stream: each
 * column holds the element-wise maximum of {@code framesPerColumn} consecutive frames (the last column may hold
 * fewer). The pool starts at one frame per column and doubles (merging neighbouring columns pairwise, which is exact
 * for a maximum) whenever another column would exceed the cap, so memory stays at {@code maxColumns x 64} floats.
 * A maximum rather than a mean keeps short loud sounds (a click, a bark) visible in a long recording.
 */
public final class ColumnPooler implements FrameSink {
    private final int maxColumns;
    private final List<float[]> columns = new ArrayList<>();
    private int framesPerColumn = 1;
    private long frames;

    public ColumnPooler(int maxColumns) {
        if (maxColumns < 2) {
            throw new IllegalArgumentException("maxColumns must be at least 2: " + maxColumns);
        }
        this.maxColumns = maxColumns;
    }

    @Override
    public void frame(long frameIndex, float[] logMel64) {
        if (frameIndex != frames) {
            throw new IllegalArgumentException("frame " + frameIndex + " out of order, expected " + frames);
        }
        if (logMel64.length != FrontEndParams.MEL_BANDS) {
            throw new IllegalArgumentException("a frame has " + logMel64.length + " values, not " + FrontEndParams.MEL_BANDS);
        }
        int column = (int) (frames / framesPerColumn);
        if (column == maxColumns) {
            halve();
            column = (int) (frames / framesPerColumn);
        }
        if (column == columns.size()) {
            columns.add(logMel64.clone());
        } else {
            float[] c = columns.get(column);
            for (int b = 0; b < c.length; b++) {
                c[b] = Math.max(c[b], logMel64[b]);
            }
        }
        frames++;
    }

    private void halve() {
        List<float[]> merged = new ArrayList<>(maxColumns / 2 + 1);
        for (int i = 0; i < columns.size(); i += 2) {
            float[] a = columns.get(i);
            if (i + 1 < columns.size()) {
                float[] b = columns.get(i + 1);
                for (int k = 0; k < a.length; k++) {
                    a[k] = Math.max(a[k], b[k]);
                }
            }
            merged.add(a);
        }
        columns.clear();
        columns.addAll(merged);
        framesPerColumn *= 2;
    }

    /** Frames received so far. */
    public long frames() {
        return frames;
    }

    /** The columns so far, as an immutable snapshot. */
    public PooledSpectrogram result() {
        float[][] copy = new float[columns.size()][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = Arrays.copyOf(columns.get(i), columns.get(i).length);
        }
        return new PooledSpectrogram(copy, framesPerColumn, frames);
    }
}
