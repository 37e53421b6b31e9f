/**
 * TensorFlow checkpoints read without TensorFlow: the LevelDB-format table of a V1 checkpoint
 * ({@link dev.hark.importers.tfcheckpoint.SsTable}) and its tensor-slice entries ({@link dev.hark.importers.tfcheckpoint.TfCheckpoint}).
 */
package dev.hark.importers.tfcheckpoint;
