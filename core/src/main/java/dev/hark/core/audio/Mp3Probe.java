package dev.hark.core.audio;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.UnsupportedAudioFileException;
import javazoom.spi.mpeg.sampled.convert.MpegFormatConversionProvider;
import javazoom.spi.mpeg.sampled.file.MpegAudioFileReader;

/**
 * Opens an MP3 file through the mp3spi decoder: rate and channels from the first frame, an estimated duration
 * (no exact frame count), and 16-bit PCM for {@link SpiDecoder}.
 */
final class Mp3Probe {
    private Mp3Probe() {
    }

    static AudioReader open(Path path, FileChannel ch) throws IOException {
        AudioFileFormat aff;
        AudioInputStream coded;
        try {
            aff = new MpegAudioFileReader().getAudioFileFormat(path.toFile());
            coded = new MpegAudioFileReader().getAudioInputStream(AudioReader.stream(ch));
        } catch (UnsupportedAudioFileException | RuntimeException e) {
            throw AudioReader.bad(path,
                    "not a readable MP3 file (truncated or corrupt): no valid MPEG audio frame found");
        }
        AudioFormat f = coded.getFormat();
        int channels = f.getChannels();
        float rate = f.getSampleRate();
        AudioReader.checkRateAndChannels(path, (long) rate, channels);
        Map<String, Object> props = aff.properties();
        double duration = Double.NaN;
        Object us = props.get("duration");
        if (us instanceof Long micros && micros > 0) {
            duration = micros / 1e6;
        }
        AudioFileInfo info = new AudioFileInfo(path, "MP3", f.getEncoding().toString(), (int) rate, channels, 0, -1,
                duration);
        AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, channels, channels * 2, rate,
                false);
        AudioInputStream pcm = new MpegFormatConversionProvider()
                .getAudioInputStream(target, coded);
        return new AudioReader(path, info, new SpiDecoder(path, "MP3", pcm));
    }
}
