/**
 * The event benchmark ({@code hark-bench events}): scenes built from a data set's clips at known times and SNRs
 * ({@link dev.hark.bench.events.SceneLayout}, {@link dev.hark.bench.events.SceneMixer}), and the scoring of a
 * detector's onsets against them ({@link dev.hark.bench.events.EventScorer}).
 */
package dev.hark.bench.events;
