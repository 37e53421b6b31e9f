/**
 * TensorFlow Lite flatbuffers: the file reader (tensors, buffers, operators) and the analysis that finds the
 * network of a YAMNet-shaped model (where the log-mel patch enters, the scores and the embedding).
 */
package dev.hark.importers.tflite;
