package dev.hark.core.audio;

import java.nio.file.Path;

/**
 * What an audio file holds, as read from its header (no full decode).
 *
 * @param path            the file
 * @param container       "WAV", "FLAC", "OGG", "MP3", "AU", "AIFF" or "AIFF-C" (detected from the content, not the file name)
 * @param encoding        e.g. "PCM_SIGNED", "PCM_UNSIGNED", "PCM_FLOAT", "ULAW", "ALAW", "IMA_ADPCM", "MS_ADPCM", "FLAC", "VORBIS", "MPEG1L3"
 * @param sampleRateHz    the native sample rate
 * @param channels        the channel count (averaged to mono when read)
 * @param bitsPerSample   bits per stored sample, 0 where not applicable (lossy codecs)
 * @param frames          sample frames per channel, -1 if unknown without decoding
 * @param durationSeconds the duration, NaN if unknown (for MP3 an estimate from the header)
 */
public record AudioFileInfo(
        Path path,
        String container,
        String encoding,
        int sampleRateHz,
        int channels,
        int bitsPerSample,
        long frames,
        double durationSeconds) {
}
