/**
 * Everything that loads or runs a model: ONNX embedders, classifier heads,
 * the model catalogue with checksums, and importers of published weights.
 */
package dev.hark.models;
