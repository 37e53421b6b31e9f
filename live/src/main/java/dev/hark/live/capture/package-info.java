/**
 * Where live audio comes from and how it reaches the processing thread: the Java Sound microphone, files
 * at real-time pace or as fast as possible, in-memory samples and the drop-oldest queue.
 */
package dev.hark.live.capture;
