/**
 * Pure Java signal processing and data handling, no native code.
 * Sub-packages: audio (decoding, resampling), frontend (log-mel), io (npy), and the live-pipeline logic.
 */
package dev.hark.core;
