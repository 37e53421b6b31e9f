/**
 * Transfer learning: clip features (model embeddings or MFCCs) with a content-addressed cache, Smile
 * classifiers trained on them, cross-validation and evaluation. The trained heads themselves are in {@code head}.
 */
package dev.hark.models.train;
