/**
 * The live pipeline's pure logic: PCM decoding, the drop-oldest audio queue, activity gates and their
 * timeline, the per-label event state machine, and the pre-roll audio ring used to record events.
 */
package dev.hark.core.live;
