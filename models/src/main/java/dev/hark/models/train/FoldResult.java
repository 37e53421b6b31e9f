package dev.hark.models.train;

/**
 * The result of testing on one fold.
 *
 * @param fold the test fold
 * @param trainClips clips trained on
 * @param testClips clips tested
 * @param correct test clips whose top label was right
 * @param confusion counts {@code [true label][predicted label]} over the test clips
 */
public record FoldResult(int fold, int trainClips, int testClips, int correct, int[][] confusion) {
    public double accuracy() {
        return testClips == 0 ? 0 : correct / (double) testClips;
    }
}
