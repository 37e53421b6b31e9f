/**
 * The windowing pipeline shared by {@code hark classify}, {@code hark embed} and the live listener:
 * 16 kHz samples in, log-mel patches, batched embeddings and head scores out, one {@link
 * dev.hark.models.pipeline.WindowResult} per window, bit-identical however the audio is chunked or batched;
 * {@code ClipClassifier} classifies whole files (windows and a summary), {@code TopK} picks the best labels.
 */
package dev.hark.models.pipeline;
