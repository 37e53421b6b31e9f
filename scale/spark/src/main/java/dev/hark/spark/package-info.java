/**
 * Hark at corpus scale on Apache Spark: the embedding job (files to a Parquet table of embeddings, one ONNX Runtime
 * session per executor), training and evaluation on such a table, the scaling benchmark, and the hark-spark command.
 */
package dev.hark.spark;
