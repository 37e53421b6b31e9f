/**
 * YAMNet from Google's TFLite file: the ONNX graph built from the TFLite network, the reference forward pass
 * of the TFLite operators, and the importer.
 */
package dev.hark.importers.yamnet;
