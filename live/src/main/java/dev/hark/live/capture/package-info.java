/**
 * Where live audio comes from and how it reaches the processing thread: the Java Sound microphone, files
 * at real-time pace or as fast as possible, in-memory samples, the drop-oldest queue, and
 * {@link dev.hark.live.capture.Sources}, which makes the source listener settings ask for.
 */
package dev.hark.live.capture;
