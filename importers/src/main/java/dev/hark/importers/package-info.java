/**
 * Importers of published model weights into verified ONNX graphs: PyTorch state dicts (VGGish port) read
 * with a restricted unpickler, TFLite flatbuffers (YAMNet), the ONNX graph builders and pure-Java reference
 * forward passes that check every imported graph before it is kept.
 */
package dev.hark.importers;
