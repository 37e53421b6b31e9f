package dev.hark.live.teach;

/**
 * What a {@link Teacher} reports: sent at every change of state (with a {@code message}) and about every
 * {@value Teacher#LEVEL_SECONDS} s of audio (message null) so that a display can show the level.
 *
 * @param state what it is doing
 * @param saved examples (or background pieces) saved so far
 * @param wanted how many are asked for (background: pieces)
 * @param levelDbfs the RMS level of the last {@value Teacher#LEVEL_SECONDS} s of audio, in dBFS
 * @param audioSeconds seconds of audio heard so far
 * @param message what changed, e.g. {@code too short (0.03 s), ignored}, or null for a level update
 */
public record TeachStatus(TeachState state, int saved, int wanted, double levelDbfs, double audioSeconds,
        String message) {
}
