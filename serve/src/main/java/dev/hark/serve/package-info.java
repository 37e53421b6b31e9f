/**
 * {@code hark serve}: the long-running service around the live Detector ({@link dev.hark.serve.HarkService}) and
 * the watch list in front of its outputs.
 */
package dev.hark.serve;
