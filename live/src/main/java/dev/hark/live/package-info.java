/**
 * The live detector as a library: the {@link dev.hark.live.Detector} facade, its listener, status and
 * statistics. Sources and capture, gates and recordings live in the sub-packages.
 */
package dev.hark.live;
