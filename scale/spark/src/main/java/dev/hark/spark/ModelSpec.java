package dev.hark.spark;

import java.io.Serializable;

/**
 * Which featurizer an executor opens: a model name ({@code yamnet}, {@code vggish}, {@code mfcc}) or the file name of
 * a model shipped to the executors with {@code SparkContext.addFile} ({@code shipped} true), the patch hop in frames
 * (0: the model's own) and the ONNX Runtime threads per run.
 */
public record ModelSpec(String name, boolean shipped, int hopFrames, int threads) implements Serializable {
}
