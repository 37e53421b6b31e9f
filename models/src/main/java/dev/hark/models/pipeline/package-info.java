/**
 * The windowing pipeline shared by {@code hark classify}, {@code hark embed} and the live listener:
 * 16 kHz samples in, log-mel patches, batched embeddings and head scores out, one {@link
 * dev.hark.models.pipeline.WindowResult} per window, bit-identical however the audio is chunked or batched.
 */
package dev.hark.models.pipeline;
