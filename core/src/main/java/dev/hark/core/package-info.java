/**
 * Pure Java signal processing and data handling, no native code. Sub-packages: audio (decoding,
 * resampling), frontend (log-mel), features (MFCC), io (npy), dataset (layouts), events (the event state machine).
 */
package dev.hark.core;
