package dev.hark.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hark.core.audio.WavWriter;
import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    @TempDir
    Path dir;

    private Path wav(String name, int rateHz, int samples, boolean asFloat) {
        float[] x = new float[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / rateHz));
        }
        Path p = dir.resolve(name);
        if (asFloat) {
            WavWriter.writeFloat32(p, x, rateHz);
        } else {
            WavWriter.writePcm16(p, x, rateHz);
        }
        return p;
    }

    @Test
    void textLinePerFile() {
        Path a = wav("a.wav", 16000, 32000, false);
        Path b = wav("b.wav", 44100, 4410, true);
        Object[] r = HarkCommandTest.run("info", a.toString(), b.toString());
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        String[] lines = ((String) r[1]).split("\n");
        assertEquals(2, lines.length, (String) r[1]);
        assertEquals(a + ": WAV PCM_SIGNED 16-bit, 16000 Hz, mono, 2.000 s (32000 frames)", lines[0]);
        assertEquals(b + ": WAV PCM_FLOAT 32-bit, 44100 Hz, mono, 0.100 s (4410 frames)", lines[1]);
        assertEquals("", r[2]);
    }

    @Test
    void jsonlOneObjectPerLineAndDecode() throws Exception {
        Path a = wav("a.wav", 8000, 8000, false);
        Object[] r = HarkCommandTest.run("info", "--format", "jsonl", "--decode", a.toString());
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        String[] lines = ((String) r[1]).split("\n");
        assertEquals(1, lines.length);
        JsonNode o = new ObjectMapper().readTree(lines[0]);
        assertEquals(a.toString(), o.get("file").asText());
        assertEquals("WAV", o.get("container").asText());
        assertEquals("PCM_SIGNED", o.get("encoding").asText());
        assertEquals(8000, o.get("sampleRateHz").asInt());
        assertEquals(1, o.get("channels").asInt());
        assertEquals(16, o.get("bitsPerSample").asInt());
        assertEquals(8000, o.get("frames").asLong());
        assertEquals(1.0, o.get("durationSeconds").asDouble(), 0);
        assertEquals(0.5, o.get("peak").asDouble(), 1e-4);
        assertEquals(0.5 / Math.sqrt(2), o.get("rms").asDouble(), 1e-3);
    }

    @Test
    void jsonlKeysInOrderWithNullsForWhatTheHeaderDoesNotSay() {
        assertEquals("{\"file\":\"tone.mp3\",\"container\":\"MP3\",\"encoding\":\"MPEG1L3\",\"sampleRateHz\":48000,"
                + "\"channels\":2,\"bitsPerSample\":null,\"frames\":null,\"durationSeconds\":3.024,"
                + "\"durationEstimated\":true}", InfoCommand.json(new dev.hark.core.audio.AudioFileInfo(Path.of("tone.mp3"),
                "MP3", "MPEG1L3", 48000, 2, 0, -1, 3.024), null));
        assertEquals("{\"file\":\"a.wav\",\"container\":\"WAV\",\"encoding\":\"PCM_SIGNED\",\"sampleRateHz\":8000,"
                + "\"channels\":1,\"bitsPerSample\":16,\"frames\":8000,\"durationSeconds\":1.0,"
                + "\"durationEstimated\":false}", InfoCommand.json(new dev.hark.core.audio.AudioFileInfo(Path.of("a.wav"),
                "WAV", "PCM_SIGNED", 8000, 1, 16, 8000, 1.0), null));
    }

    @Test
    void badFilesGetOneLineEachOthersStillPrintedExitTwo() throws Exception {
        Path good = wav("good.wav", 16000, 1600, false);
        Path text = Files.writeString(dir.resolve("notes.wav"), "not audio\n");
        Path missing = dir.resolve("missing.flac");
        Object[] r = HarkCommandTest.run("info", text.toString(), good.toString(), missing.toString(), dir.toString());
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        String out = (String) r[1];
        assertTrue(out.startsWith(good + ": WAV"), out);
        assertEquals(1, out.split("\n").length, out);
        String[] err = ((String) r[2]).split("\n");
        assertEquals(3, err.length, (String) r[2]);
        assertEquals("hark: " + text + ": not an audio file (it looks like text)", err[0]);
        assertEquals("hark: " + missing + ": no such file", err[1]);
        assertEquals("hark: " + dir + ": is a directory, not an audio file", err[2]);
        assertFalse(((String) r[2]).contains("Exception"));
    }

    @Test
    void usageErrors() {
        assertEquals(ExitCodes.BAD_INPUT, HarkCommandTest.run("info")[0]);
        Object[] r = HarkCommandTest.run("info", "--format", "xml", "x.wav");
        assertEquals(ExitCodes.BAD_INPUT, r[0]);
        assertTrue(((String) r[2]).startsWith("hark: Invalid value for option '--format'"), (String) r[2]);
    }

    @Test
    void everyEsc50ClipIsReadable() throws Exception {
        Path audio = TestData.assumePresent("datasets/esc50-dev/audio");
        List<String> args = new ArrayList<>(List.of("info", "--format", "jsonl"));
        try (Stream<Path> s = Files.list(audio)) {
            s.sorted().forEach(p -> args.add(p.toString()));
        }
        assertEquals(1600, args.size() - 3);
        Object[] r = HarkCommandTest.run(args.toArray(new String[0]));
        assertEquals(ExitCodes.OK, r[0], (String) r[2]);
        String[] lines = ((String) r[1]).split("\n");
        assertEquals(1600, lines.length);
        ObjectMapper m = new ObjectMapper();
        for (String line : lines) {
            JsonNode o = m.readTree(line);
            assertEquals("OGG", o.get("container").asText());
            // The clips are 44.1 or 48 kHz, mono or stereo, mostly 5 s (a few from 3.6 to 7.3 s).
            assertTrue(List.of(44100, 48000).contains(o.get("sampleRateHz").asInt()), line);
            assertTrue(List.of(1, 2).contains(o.get("channels").asInt()), line);
            double seconds = o.get("durationSeconds").asDouble();
            assertTrue(seconds > 1 && seconds < 10, line);
            assertEquals(Math.round(seconds * o.get("sampleRateHz").asInt()), o.get("frames").asLong(), line);
        }
    }
}
