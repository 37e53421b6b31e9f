package dev.hark.models.catalog;

import dev.hark.core.frontend.FrontEndVariant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A model Hark knows by name.
 *
 * @param name          name on the command line ({@code yamnet}, {@code vggish})
 * @param graph         the ONNX graph file
 * @param extraFiles    other files: label map, post-processing parameters
 * @param frontEnd      the front end its input comes from
 * @param inputName     name of the graph's input, or {@code null} when any name is accepted
 * @param outputNames   names of the outputs Hark reads (empty when any single [N,D] output is accepted)
 * @param embeddingSize length of one embedding
 * @param labelFile     file name (among {@code extraFiles}) of the class map, or {@code null} if no labels
 */
public record KnownModel(String name, ModelFile graph, List<ModelFile> extraFiles, FrontEndVariant frontEnd,
        String inputName, List<String> outputNames, int embeddingSize, String labelFile) {
    public KnownModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(graph, "graph");
        extraFiles = List.copyOf(extraFiles);
        Objects.requireNonNull(frontEnd, "frontEnd");
        outputNames = List.copyOf(outputNames);
        if (embeddingSize <= 0) {
            throw new IllegalArgumentException("embeddingSize must be positive: " + embeddingSize);
        }
    }

    /** The graph then the extra files. */
    public List<ModelFile> files() {
        java.util.ArrayList<ModelFile> all = new java.util.ArrayList<>();
        all.add(graph);
        all.addAll(extraFiles);
        return List.copyOf(all);
    }

    public Optional<ModelFile> file(String fileName) {
        return files().stream().filter(f -> f.fileName().equals(fileName)).findFirst();
    }
}
