package dev.hark.live.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DropOldestQueueTest {
    private static AudioChunk chunk(long start, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = start + i;
        }
        return new AudioChunk(start, x);
    }

    @Test
    void keepsOrderWhenNotFull() throws InterruptedException {
        DropOldestQueue q = new DropOldestQueue(1000);
        q.offer(chunk(0, 100));
        q.offer(chunk(100, 100));
        assertEquals(200, q.queuedSamples());
        assertEquals(0, q.poll(0, TimeUnit.SECONDS).startSample());
        assertEquals(100, q.poll(0, TimeUnit.SECONDS).startSample());
        assertNull(q.poll(10, TimeUnit.MILLISECONDS));
        assertEquals(0, q.droppedSamples());
    }

    @Test
    void dropsTheOldestWhenFullAndCountsIt() throws InterruptedException {
        DropOldestQueue q = new DropOldestQueue(300);
        for (int i = 0; i < 10; i++) {
            q.offer(chunk(i * 100L, 100));
        }
        assertEquals(700, q.droppedSamples());
        assertEquals(7, q.droppedChunks());
        assertEquals(300, q.queuedSamples());
        assertEquals(1000, q.offeredSamples());
        assertEquals(700, q.poll(0, TimeUnit.SECONDS).startSample());
        assertEquals(800, q.poll(0, TimeUnit.SECONDS).startSample());
        assertEquals(900, q.poll(0, TimeUnit.SECONDS).startSample());
    }

    @Test
    void chunkLargerThanCapacityKeepsItsNewestPart() throws InterruptedException {
        DropOldestQueue q = new DropOldestQueue(50);
        q.offer(chunk(0, 80));
        AudioChunk c = q.poll(0, TimeUnit.SECONDS);
        assertEquals(30, c.startSample());
        assertEquals(50, c.length());
        assertEquals(30f, c.samples()[0]);
        assertEquals(30, q.droppedSamples());
    }

    @Test
    void closeDrainsThenEnds() throws InterruptedException {
        DropOldestQueue q = new DropOldestQueue(1000);
        q.offer(chunk(0, 10));
        q.close();
        q.offer(chunk(10, 10));
        assertEquals(0, q.poll(1, TimeUnit.SECONDS).startSample());
        assertNull(q.poll(1, TimeUnit.SECONDS));
        assertTrue(q.isDrained());
    }

    @Test
    void producerNeverBlocksOnAFullQueue() throws Exception {
        // nobody consumes: an offer that waited for room would hang the producer
        DropOldestQueue q = new DropOldestQueue(4800);
        Thread producer = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                q.offer(new AudioChunk(i * 160L, new float[160]));
            }
        });
        producer.start();
        producer.join(10_000);
        assertFalse(producer.isAlive(), "offer blocked on a full queue");
        assertEquals(4800, q.queuedSamples());
        assertEquals(20_000 * 160L - 4800, q.droppedSamples());
        assertEquals(20_000 - 30, q.droppedChunks());
        assertEquals(19_970 * 160L, q.poll(0, TimeUnit.SECONDS).startSample(), "the newest audio is kept");
    }

    @Test
    void droppedSecondsCountEachChunkAtItsOwnRate() {
        DropOldestQueue q = new DropOldestQueue(16_000);
        q.offer(new AudioChunk(0, new float[16_000], 16_000)); // 1 s at 16 kHz
        q.offer(new AudioChunk(0, new float[48_000], 48_000)); // 1 s at 48 kHz: cut to its newest 16 000
        assertEquals(1.0 + 32_000 / 48_000.0, q.droppedSeconds(), 1e-12);
        assertEquals(16_000 + 32_000, q.droppedSamples());
    }

    @Test
    void everySampleIsDeliveredOrCountedInOrder() throws Exception {
        DropOldestQueue q = new DropOldestQueue(4800);
        int chunks = 20_000;
        Thread producer = new Thread(() -> {
            for (int i = 0; i < chunks; i++) {
                q.offer(new AudioChunk(i * 160L, new float[160]));
            }
            q.close();
        });
        List<Long> starts = new ArrayList<>();
        long received = 0;
        producer.start();
        while (true) {
            AudioChunk c = q.poll(5, TimeUnit.SECONDS);
            if (c == null) {
                break;
            }
            starts.add(c.startSample());
            received += c.length();
        }
        producer.join(10_000);
        assertTrue(q.isDrained());
        assertEquals(chunks * 160L, received + q.droppedSamples());
        for (int i = 1; i < starts.size(); i++) {
            assertTrue(starts.get(i) > starts.get(i - 1), "chunks stay in order");
        }
    }
}
