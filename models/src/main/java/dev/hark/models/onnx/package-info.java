/**
 * Building ONNX graphs in memory (Hark's trained heads, imported embedders) and checking untrusted ones before
 * ONNX Runtime opens them.
 */
package dev.hark.models.onnx;
