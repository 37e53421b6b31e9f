/**
 * Transfer learning: clip features (model embeddings or MFCCs) with a content-addressed cache, Smile
 * classifiers trained on them, cross-validation, and the {@code .hark} bundle loaded as a classifier head.
 */
package dev.hark.models.train;
