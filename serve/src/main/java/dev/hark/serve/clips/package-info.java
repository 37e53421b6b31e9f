/**
 * Event clips: collected with pre-roll on the processing thread, written on their own thread, deleted by the
 * retention policy; a full disk stops clip saving, never detection.
 */
package dev.hark.serve.clips;
