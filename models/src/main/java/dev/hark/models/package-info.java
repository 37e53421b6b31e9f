/**
 * Everything that loads or runs a model: embedders (embed), heads (head), the windowing pipeline
 * (pipeline), the model catalogue with checksums (catalog), and training and evaluation (train).
 */
package dev.hark.models;
