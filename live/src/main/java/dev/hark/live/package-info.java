/**
 * The live detector as a library: the {@link dev.hark.live.Detector} facade (threads, lifecycle), its listener,
 * status and statistics, and the synchronous {@link dev.hark.live.DetectionPipeline} it runs. Sources and capture,
 * gates and recordings live in the sub-packages.
 */
package dev.hark.live;
