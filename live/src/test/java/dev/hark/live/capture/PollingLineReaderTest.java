package dev.hark.live.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollingLineReaderTest {
    /** A line that fills by a scripted amount at each pause, and records how it was read. */
    private static final class ScriptedLine implements PollingLineReader.Line {
        final ArrayDeque<Integer> arrivals = new ArrayDeque<>();
        final List<Integer> reads = new ArrayList<>();
        final List<Integer> blockingReads = new ArrayList<>();
        int held;
        boolean closed;
        int blockingResult = -1;

        @Override
        public int available() {
            return closed ? -1 : held;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len > held) {
                blockingReads.add(len);
                return blockingResult;
            }
            reads.add(len);
            held -= len;
            return len;
        }

        PollingLineReader.Pause pause(List<Long> pauses) {
            return millis -> {
                pauses.add(millis);
                held += arrivals.isEmpty() ? 0 : arrivals.poll();
            };
        }
    }

    @Test
    void takesWhatTheLineHoldsAtOnceInWholeFrames() {
        ScriptedLine line = new ScriptedLine();
        line.held = 7; // three 2-byte frames and half of one
        List<Long> pauses = new ArrayList<>();
        PollingLineReader r = new PollingLineReader(line, 2, line.pause(pauses));
        assertEquals(6, r.read(new byte[1600], 1600), "a short read, not a wait for 1600 bytes");
        assertEquals(List.of(), pauses);
        line.held = 5000;
        assertEquals(1600, r.read(new byte[1600], 1600), "never more than asked");
        assertEquals(List.of(6, 1600), line.reads);
    }

    @Test
    void anEmptyLineIsPolledUntilAudioArrives() {
        ScriptedLine line = new ScriptedLine();
        line.arrivals.addAll(List.of(0, 0, 1, 320));
        List<Long> pauses = new ArrayList<>();
        PollingLineReader r = new PollingLineReader(line, 2, line.pause(pauses));
        // after the third pause one byte is in: not a whole frame; after the fourth, 321 bytes
        assertEquals(320, r.read(new byte[1600], 1600));
        assertEquals(List.of(40L, 40L, 40L, 40L), pauses);
        assertEquals(List.of(), line.blockingReads);
    }

    @Test
    void aLineEmptyForTheStallTimeIsReadBlockingWhichReportsTheLoss() {
        ScriptedLine line = new ScriptedLine();
        List<Long> pauses = new ArrayList<>();
        PollingLineReader r = new PollingLineReader(line, 4, line.pause(pauses));
        assertTrue(r.read(new byte[1600], 1600) <= 0, "the failed blocking read's result");
        assertEquals((PollingLineReader.STALL_MILLIS + PollingLineReader.POLL_MILLIS - 1) / PollingLineReader.POLL_MILLIS,
                pauses.size());
        assertEquals(List.of(4), line.blockingReads, "one frame read blocking");
    }

    @Test
    void aClosedLineEndsTheReadAtOnce() {
        ScriptedLine line = new ScriptedLine();
        line.closed = true;
        List<Long> pauses = new ArrayList<>();
        assertEquals(0, new PollingLineReader(line, 2, line.pause(pauses)).read(new byte[16], 16));
        assertEquals(List.of(), pauses);
    }
}
