/**
 * Teaching Hark a sound at the microphone: the {@link dev.hark.live.teach.Teacher} facade (capture thread, gate,
 * saving into a folder-per-class data set), its listener and status, and the pure parts it runs: the
 * {@link dev.hark.live.teach.ExampleCutter} that trims each sound plus a margin, and the background's pieces; and
 * {@link dev.hark.live.teach.StreamTap}, a running detector's own audio as a Teacher's source.
 */
package dev.hark.live.teach;
