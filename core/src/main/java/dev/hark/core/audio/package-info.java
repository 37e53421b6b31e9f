/**
 * Audio files in, mono float samples out: format detection by content, WAV, AU and AIFF/AIFF-C (own parsers, with
 * G.711 and ADPCM codings), FLAC, Ogg Vorbis and MP3 (Java Sound SPI decoders), the one PCM decoder (files and
 * microphones), block-wise streaming, a band-limited streaming resampler, and a WAV writer.
 */
package dev.hark.core.audio;
