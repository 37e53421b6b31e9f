/**
 * PyTorch state dicts read without Python: both serialisations (the zip archive of PyTorch >= 1.6 and the
 * legacy single stream), through a restricted unpickler that only lets the pickle name tensors and storages.
 */
package dev.hark.importers.torch;
