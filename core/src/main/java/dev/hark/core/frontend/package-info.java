/**
 * The exact VGGish/YAMNet log-mel front end: framing, periodic Hann, FFT magnitude, mel matrix, log,
 * and 96-frame patches; pure functions plus a streaming form that gives identical frames however chunked.
 */
package dev.hark.core.frontend;
