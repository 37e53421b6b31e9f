/**
 * Labelled audio data sets recognised by their layout (ESC-50, UrbanSound8K, one folder per class):
 * clip records with label and fold, metadata CSV read with commons-csv, and seeded stratified folds for sets
 * that have none.
 */
package dev.hark.core.dataset;
