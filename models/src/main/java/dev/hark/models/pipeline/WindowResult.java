package dev.hark.models.pipeline;

/**
 * What the pipeline says about one window (one 0.96 s log-mel patch).
 *
 * @param index        the window's place on the hop grid: {@code startFrame / hopFrames} (so windows skipped
 *                     by a filter leave gaps, and the same window has the same index however it was reached)
 * @param startSeconds start of the window's first sample in the stream
 * @param endSeconds   end of the window's last sample ({@code startSeconds + 0.975})
 * @param embedding    the embedder's vector (never written after it is handed on)
 * @param scores       the head's scores, one per label; {@code null} when the analyzer has no head
 * @param padded       whether the window was completed with silence because the whole input was shorter
 *                     than one window
 */
public record WindowResult(long index, double startSeconds, double endSeconds, float[] embedding, float[] scores,
        boolean padded) {
}
