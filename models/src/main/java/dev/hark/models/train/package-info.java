/**
 * Transfer learning: clip features (model embeddings or MFCCs) with a content-addressed cache, Smile
 * classifiers trained on them, cross-validation and evaluation ({@code Evaluator}: folds, bundle scoring;
 * {@code FewShot}: the few-data curve), clustering ({@code Clusterer}: k-means, 2-D maps), and a data set to a
 * checked bundle ({@code BundleTraining}, with {@code HeadRecipe} and the {@code HoldOutEstimate} of hark teach).
 * The trained heads themselves are in {@code head}.
 */
package dev.hark.models.train;
