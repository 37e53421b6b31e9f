/**
 * Classifier heads that score a window's embedding: AudioSet's own labels, and heads trained by Hark
 * ({@code .hark} bundles: pooling, standardisation, the fitted classifier and its feature settings; read as untrusted
 * input by {@code BundleArchive}, {@code BundleMetadata} and {@code ModelInputStream} with {@code ModelStreamFilter}).
 */
package dev.hark.models.head;
