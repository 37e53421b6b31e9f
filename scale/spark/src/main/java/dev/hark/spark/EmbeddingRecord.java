package dev.hark.spark;

import java.io.Serializable;

/**
 * One row of the embeddings table as the job makes it (a Java bean for Spark's encoder; {@link EmbeddingTable}
 * names the columns as they are written). {@code patch}, {@code startSeconds} and {@code levelDbfs} are null for a pooled row; {@code run}
 * is when the run that wrote it started (ms since 1970), so that a re-embedded file's newest rows win.
 */
public final class EmbeddingRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    private String path;
    private String sha256;
    private String label;
    private Integer labelIndex;
    private Integer fold;
    private Integer patch;
    private Double startSeconds;
    private Float levelDbfs;
    private float[] embedding;
    private String model;
    private String modelSha256;
    private String frontEnd;
    private int hopFrames;
    private String pooling;
    private long run;

    public EmbeddingRecord() {
    }

    /** A row of {@code clip}: its content hash, patch (null when pooled), values and the features' settings. */
    EmbeddingRecord(InputClip clip, String sha256, Integer patch, Double startSeconds, Float levelDbfs,
            float[] embedding, TableSettings s, long run) {
        this.path = clip.getPath();
        this.sha256 = sha256;
        this.label = clip.getLabel();
        this.labelIndex = clip.getLabelIndex();
        this.fold = clip.getFold();
        this.patch = patch;
        this.startSeconds = startSeconds;
        this.levelDbfs = levelDbfs;
        this.embedding = embedding;
        this.model = s.model();
        this.modelSha256 = s.modelSha256();
        this.frontEnd = s.frontEnd();
        this.hopFrames = s.hopFrames();
        this.pooling = s.pooling();
        this.run = run;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String v) {
        path = v;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String v) {
        sha256 = v;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String v) {
        label = v;
    }

    public Integer getLabelIndex() {
        return labelIndex;
    }

    public void setLabelIndex(Integer v) {
        labelIndex = v;
    }

    public Integer getFold() {
        return fold;
    }

    public void setFold(Integer v) {
        fold = v;
    }

    public Integer getPatch() {
        return patch;
    }

    public void setPatch(Integer v) {
        patch = v;
    }

    /** The patch's loudest 10 ms frame in dBFS (null when pooled): tells patches without sound from the others. */
    public Float getLevelDbfs() {
        return levelDbfs;
    }

    public void setLevelDbfs(Float v) {
        levelDbfs = v;
    }

    public Double getStartSeconds() {
        return startSeconds;
    }

    public void setStartSeconds(Double v) {
        startSeconds = v;
    }

    public float[] getEmbedding() {
        return embedding;
    }

    public void setEmbedding(float[] v) {
        embedding = v;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String v) {
        model = v;
    }

    public String getModelSha256() {
        return modelSha256;
    }

    public void setModelSha256(String v) {
        modelSha256 = v;
    }

    public String getFrontEnd() {
        return frontEnd;
    }

    public void setFrontEnd(String v) {
        frontEnd = v;
    }

    public int getHopFrames() {
        return hopFrames;
    }

    public void setHopFrames(int v) {
        hopFrames = v;
    }

    public String getPooling() {
        return pooling;
    }

    public void setPooling(String v) {
        pooling = v;
    }

    public long getRun() {
        return run;
    }

    public void setRun(long v) {
        run = v;
    }
}
