package dev.hark.serve.teach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.live.teach.TeachState;
import dev.hark.live.teach.TeachStatus;
import org.junit.jupiter.api.Test;

/** A recording job as the API and the page see it: it is done only once it is finished. */
class TeachingJobTest {
    @Test
    void theTeachersLastStatusDoesNotMakeAJobDoneBeforeItFinishes() {
        Teaching.Job j = new Teaching.Job("examples", "dog", 2);
        j.status(new TeachStatus(TeachState.HEARING, 1, 2, -30, 4.0, "hearing a sound"));
        assertEquals("hearing", j.json().path("state").asText());
        j.status(new TeachStatus(TeachState.DONE, 2, 2, -40, 10.9, "done: 2 of 2 examples of dog saved"));
        ObjectNode last = j.json();
        assertFalse(last.path("finished").asBoolean());
        assertEquals("hearing", last.path("state").asText(), "not done while the recording has not returned");
        assertEquals("done: 2 of 2 examples of dog saved", last.path("message").asText());
        j.finish("done", null);
        ObjectNode finished = j.json();
        assertTrue(finished.path("finished").asBoolean());
        assertEquals("done", finished.path("state").asText());
    }

    @Test
    void aStoppedTeacherLeavesTheJobToSayStoppedWhenItFinishes() {
        Teaching.Job j = new Teaching.Job("background", null, 1);
        j.status(new TeachStatus(TeachState.RECORDING, 0, 1, -60, 1.0, "recording the background"));
        j.status(new TeachStatus(TeachState.STOPPED, 0, 1, -60, 2.0, "stopped"));
        assertEquals("recording", j.json().path("state").asText());
        j.finish("stopped", null);
        assertEquals("stopped", j.json().path("state").asText());
    }
}
