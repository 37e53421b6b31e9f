package dev.hark.importers.torch;

/** One storage (or a view of one, legacy format): key, element type, element count, offset into the root. */
public record StorageRef(String key, StorageType type, int numel, int viewOffset) {
}
