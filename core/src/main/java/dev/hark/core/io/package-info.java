/**
 * Files: the one atomic file writer every output goes through ({@code AtomicFile}), and NumPy {@code .npy}
 * (float32 writing, whole or streamed; reading of common dtypes) and {@code .npz} archives.
 */
package dev.hark.core.io;
