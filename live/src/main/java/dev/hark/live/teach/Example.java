package dev.hark.live.teach;

import java.nio.file.Path;

/**
 * An example (or a piece of background) that a {@link Teacher} saved.
 *
 * @param number 1 for the first of this take
 * @param file the 16 kHz mono WAV written
 * @param startSeconds where the saved audio starts, in seconds of audio since the take began
 * @param seconds the length saved (the sound plus the margins, or the piece)
 * @param soundSeconds the length of the sound itself (the gate open, less its hangover); background: the piece
 * @param peakDbfs the loudest 30 ms frame saved, in dBFS
 */
public record Example(int number, Path file, double startSeconds, double seconds, double soundSeconds,
        double peakDbfs) {
}
