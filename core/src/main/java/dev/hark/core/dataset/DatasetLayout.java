package dev.hark.core.dataset;

/** How a data-set directory is organised; decides where labels and folds come from. */
public enum DatasetLayout {
    /** {@code meta/esc50.csv} ({@code filename,fold,target,category,...}) and {@code audio/}. */
    ESC50("ESC-50"),
    /** {@code metadata/UrbanSound8K.csv} ({@code slice_file_name,...,fold,classID,class}) and {@code audio/foldN/}. */
    URBANSOUND8K("UrbanSound8K"),
    /** Every sub-folder is a label, every audio file in it an example; no folds. */
    FOLDER_PER_CLASS("folder per class");

    private final String displayName;

    DatasetLayout(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
