package dev.hark.spark;

import java.io.Serializable;

/**
 * One file the embedding job reads (a Java bean, as Spark's bean encoder wants): its fully qualified Hadoop path
 * and, when the input is a data set, its label, label index and fold (else null).
 */
public final class InputClip implements Serializable {
    private static final long serialVersionUID = 1L;

    private String path;
    private String label;
    private Integer labelIndex;
    private Integer fold;

    public InputClip() {
    }

    public InputClip(String path, String label, Integer labelIndex, Integer fold) {
        this.path = path;
        this.label = label;
        this.labelIndex = labelIndex;
        this.fold = fold;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public Integer getLabelIndex() {
        return labelIndex;
    }

    public void setLabelIndex(Integer labelIndex) {
        this.labelIndex = labelIndex;
    }

    public Integer getFold() {
        return fold;
    }

    public void setFold(Integer fold) {
        this.fold = fold;
    }
}
