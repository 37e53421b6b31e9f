package dev.hark.serve.clips;

/** File and folder names made from concept names (AudioSet names hold commas, spaces, slashes). */
public final class ClipNames {
    private ClipNames() {
    }

    /** Letters, digits, '.', '_' and '-' kept; runs of anything else become one '-'; never empty, never "." or "..". */
    public static String safe(String concept) {
        String s = concept.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[-.]+|-+$", "");
        return s.isEmpty() ? "event" : s;
    }
}
