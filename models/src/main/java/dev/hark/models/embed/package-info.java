/**
 * The ONNX Runtime embedders (YAMNet, VGGish), the graph loader that checks tensor names and shapes,
 * the AudioSet class map and VGGish's PCA post-processing.
 */
package dev.hark.models.embed;
