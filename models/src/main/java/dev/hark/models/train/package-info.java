/**
 * Transfer learning: clip features (model embeddings or MFCCs) with a content-addressed cache, Smile
 * classifiers trained on them, cross-validation and evaluation ({@code Evaluator}: folds, bundle scoring;
 * {@code FewShot}: the few-data curve) and clustering ({@code Clusterer}: k-means, 2-D maps). The trained heads
 * themselves are in {@code head}.
 */
package dev.hark.models.train;
