package dev.hark.core.frontend;

/** Which model's front end: they share every constant but the log offset and the default patch hop. */
public enum FrontEndVariant {
    /** {@code log(mel + 0.01)}, non-overlapping patches. */
    VGGISH(0.01, 96),
    /** {@code log(mel + 0.001)}, patches every 48 frames (0.48 s). */
    YAMNET(0.001, 48);

    private final double logOffset;
    private final int defaultPatchHopFrames;

    FrontEndVariant(double logOffset, int defaultPatchHopFrames) {
        this.logOffset = logOffset;
        this.defaultPatchHopFrames = defaultPatchHopFrames;
    }

    public double logOffset() {
        return logOffset;
    }

    public int defaultPatchHopFrames() {
        return defaultPatchHopFrames;
    }

    /**
     * The variant named {@code vggish} or {@code yamnet} (any case), as on the command line.
     *
     * @throws dev.hark.errors.BadInputException naming the bad value and the choices
     */
    public static FrontEndVariant fromCliName(String name) {
        for (FrontEndVariant v : values()) {
            if (v.cliName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return v;
            }
        }
        throw new dev.hark.errors.BadInputException("unknown front-end variant '" + name + "' (expected vggish or yamnet)");
    }

    /** Lower-case name as used on the command line ({@code vggish}, {@code yamnet}). */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
