package dev.hark.live.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.config.listen.ListenSettings;
import dev.hark.errors.BadInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SourcesTest {
    @Test
    void aFileWhenGivenElseADevice() {
        AudioSource file = Sources.from(ListenSettings.builder().input(Path.of("scene.wav")).build());
        assertInstanceOf(FileSource.class, file);
        assertFalse(file.realtime());
        assertTrue(Sources.from(ListenSettings.builder().input(Path.of("scene.wav")).realtime(true).build())
                .realtime());
        AudioSource mic = Sources.from(ListenSettings.builder().device("2").build());
        assertInstanceOf(MicrophoneSource.class, mic);
        assertEquals("capture device '2'", mic.name());
        assertEquals("default capture device", Sources.from(ListenSettings.defaults()).name());
        assertEquals("use either source.device or source.input, not both", assertThrows(BadInputException.class,
                () -> Sources.from(ListenSettings.builder().device("2").input(Path.of("a.wav")).build()))
                .getMessage());
    }
}
