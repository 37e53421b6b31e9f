/**
 * Sound concepts over model scores: a concept's window score from its classes' scores ({@link
 * dev.hark.core.concepts.ConceptScorer}), and the sound level above an adaptive noise floor that scores the
 * model-free {@code loud} concept ({@link dev.hark.core.concepts.LevelMeter}).
 */
package dev.hark.core.concepts;
