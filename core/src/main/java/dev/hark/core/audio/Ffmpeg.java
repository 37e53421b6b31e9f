package dev.hark.core.audio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the {@code ffmpeg} and {@code ffprobe} programs that decode the formats Hark does not read itself (M4A/AAC,
 * Ogg Opus): the system property {@value #PROPERTY} names ffmpeg's path if set, else the first executable
 * {@code ffmpeg} on the {@code PATH}; ffprobe is looked for beside it.
 */
final class Ffmpeg {
    /** System property naming the ffmpeg executable to use instead of the one on the PATH. */
    static final String PROPERTY = "hark.ffmpeg";

    private Ffmpeg() {
    }

    /** ffmpeg and ffprobe, when both are there. */
    record Tools(Path ffmpeg, Path ffprobe) {
    }

    static Optional<Tools> find() {
        String given = System.getProperty(PROPERTY);
        return find(given, System.getenv("PATH"));
    }

    /** The tools from an explicit ffmpeg path, else from a {@code PATH} value (testable without the environment). */
    static Optional<Tools> find(String ffmpegPath, String pathEnv) {
        if (ffmpegPath != null && !ffmpegPath.isBlank()) {
            return tools(Path.of(ffmpegPath));
        }
        if (pathEnv == null) {
            return Optional.empty();
        }
        for (String dir : pathEnv.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Optional<Tools> t = tools(Path.of(dir, "ffmpeg"));
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    private static Optional<Tools> tools(Path ffmpeg) {
        Path dir = ffmpeg.toAbsolutePath().getParent();
        Path ffprobe = dir == null ? null : dir.resolve("ffprobe");
        if (Files.isRegularFile(ffmpeg) && Files.isExecutable(ffmpeg) && ffprobe != null && Files.isExecutable(ffprobe)) {
            return Optional.of(new Tools(ffmpeg, ffprobe));
        }
        return Optional.empty();
    }
}
