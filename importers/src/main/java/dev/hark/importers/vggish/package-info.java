/**
 * VGGish from Google's TensorFlow checkpoint or the PyTorch port's weights: the weights by layer (and Google's
 * names mapped onto them), the ONNX graph built from them, the pure-Java float64 reference forward pass every
 * import is checked against, and the importer.
 */
package dev.hark.importers.vggish;
