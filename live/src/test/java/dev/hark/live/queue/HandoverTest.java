package dev.hark.live.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandoverTest {
    @Test
    void dropsTheOldestWaitingNeverTheOneInFlight() throws Exception {
        Handover<String> box = Handover.ofItems(2);
        box.offer("a");
        assertEquals("a", box.peek(0, TimeUnit.MILLISECONDS));   // a is in flight
        box.offer("b");
        box.offer("c");
        box.offer("d");   // b is dropped, not a
        assertEquals(1, box.dropped());
        assertEquals(3, box.size());
        assertEquals("a", box.peek(0, TimeUnit.MILLISECONDS), "a failed: it is sent again first");
        box.remove("a");
        List<String> rest = new ArrayList<>();
        for (String s; (s = box.peek(0, TimeUnit.MILLISECONDS)) != null; box.remove(s)) {
            rest.add(s);
        }
        assertEquals(List.of("c", "d"), rest);
        assertEquals(4, box.offered());
    }

    @Test
    void peekWaitsForAnOfferAndCloseEndsTheWait() throws Exception {
        Handover<String> box = Handover.ofItems(5);
        long t = System.nanoTime();
        assertNull(box.peek(150, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - t >= TimeUnit.MILLISECONDS.toNanos(140), "really waited");
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            box.offer("x");
        });
        later.start();
        assertEquals("x", box.peek(5, TimeUnit.SECONDS));
        later.join();
        box.remove("x");
        box.offer("y");
        box.close();
        assertFalse(box.offer("z"), "closed: no more offers");
        String y = box.peek(0, TimeUnit.MILLISECONDS);
        assertSame("y", y);
        box.remove(y);
        t = System.nanoTime();
        assertNull(box.peek(5, TimeUnit.SECONDS), "closed and empty: no wait");
        assertTrue(System.nanoTime() - t < TimeUnit.SECONDS.toNanos(1));
    }

    @Test
    void aWeightedHandoverDropsByWeightAndPollTakesAtOnce() throws Exception {
        List<String> droppedItems = new ArrayList<>();
        Handover<String> h = new Handover<>(5, String::length, droppedItems::add);
        h.offer("aa");
        h.offer("bbb");
        assertEquals(5, h.queuedWeight());
        h.offer("cc"); // 7 > 5: "aa" goes
        assertEquals(List.of("aa"), droppedItems);
        assertEquals(2, h.droppedWeight());
        assertEquals("bbb", h.poll(0, TimeUnit.MILLISECONDS));
        assertEquals(1, h.size(), "taken, not in flight");
        h.offer("dddddddd"); // heavier than the capacity: kept alone
        assertEquals(List.of("aa", "cc"), droppedItems);
        h.close();
        assertFalse(h.isDrained());
        assertEquals("dddddddd", h.poll(0, TimeUnit.MILLISECONDS));
        assertTrue(h.isDrained());
        assertEquals(4, h.offered());
    }
}
