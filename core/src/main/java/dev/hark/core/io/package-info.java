/**
 * File formats Hark reads and writes for numeric arrays: NumPy {@code .npy} (float32 writing, atomic and
 * streaming; reading of common dtypes) and {@code .npz} archives.
 */
package dev.hark.core.io;
