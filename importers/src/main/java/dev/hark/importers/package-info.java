/**
 * Importers of published model weights into verified ONNX graphs (sub-packages per model and per file
 * format), and what they share: the ONNX graph builder, the check run on every imported graph, provenance,
 * and registration in the user's model directory.
 */
package dev.hark.importers;
