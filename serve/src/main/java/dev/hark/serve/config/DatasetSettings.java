package dev.hark.serve.config;

import java.nio.file.Path;
import java.util.Set;

/**
 * The {@code dataset:} section: where events marked right or wrong file their clips, in the folder layout
 * {@code hark train} reads ({@code DIR/LABEL/*.wav}, wrong ones in {@code DIR/_negative/}).
 *
 * @param dir the data set folder (default {@code ~/.hark/dataset})
 */
public record DatasetSettings(Path dir) {
    public static final Set<String> KEYS = Set.of("dir");
    /** The folder of clips marked wrong ({@link dev.hark.core.dataset.DatasetFolder}, which files them). */
    public static final String NEGATIVE = dev.hark.core.dataset.DatasetFolder.NEGATIVES;

    public static DatasetSettings from(Section s) {
        s.refuseUnknown(KEYS);
        return new DatasetSettings(s.path("dir", HarkHome.dir().resolve("dataset")));
    }
}
