package dev.hark.app;

import dev.hark.config.Bounds;
import dev.hark.core.dataset.Clip;
import dev.hark.errors.BadInputException;
import dev.hark.models.head.Pooling;
import dev.hark.models.train.ClipFeatures;
import dev.hark.models.train.ClipFeaturizer;
import dev.hark.models.train.Clusterer;
import dev.hark.models.train.FeatureExtractor;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code hark cluster}: prints and draws what {@link Clusterer} finds (k-means on clip embeddings, a 2-D map). */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Group clips by k-means on their (L2-normalised, mean-pooled) embeddings; print the clusters "
                + "with their files and, with --out, write clusters.csv and a 2-D map (PCA or t-SNE) coloured by "
                + "cluster (clusters.png) and, where labels are known, by label (labels.png)."})
final class ClusterCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ClipInputs inputs;

    /** Fewest clusters: one cluster is no grouping (and Smile's k-means refuses it). */
    static final int MIN_K = 2;
    /** Most clusters, whatever the number of clips. */
    static final int MAX_K = 10_000;

    @Option(names = "--k", required = true, paramLabel = "N",
            description = "Number of clusters: 2 to the number of clips (at most " + MAX_K + ").")
    int k;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Write clusters.csv, clusters.png, labels.png here.")
    Path out;

    @Option(names = "--map", defaultValue = "tsne", paramLabel = "pca|tsne",
            description = "2-D map: pca or tsne (default: ${DEFAULT-VALUE}).")
    String map;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quiet-files", description = "Print cluster sizes and labels only, not every file.")
    boolean quietFiles;

    @Mixin
    FeatureOptions featureOptions;

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        Clusterer.MapKind mapKind = Clusterer.MapKind.parse(map);
        featureOptions.validate();
        Bounds.check("--k", k, MIN_K, MAX_K);
        if (out != null) {
            Outputs.directory(out, "clusters.csv", "clusters.png", "labels.png");
        }
        ClipInputs.Selection selection = inputs.select("cluster", o);
        List<Clip> clips = selection.clips();
        List<String> labels = selection.labels();
        checkK(clips.size());
        FeatureExtractor.Result r;
        try (ClipFeaturizer f = Extraction.open(featureOptions)) {
            o.println("features: " + f.settings().withPooling(Pooling.MEAN).describe());
            r = Extraction.run(f, featureOptions, clips, "cluster", o, e);
        }
        List<ClipFeatures> cf = r.clips();
        checkK(cf.size()); // files may have been skipped
        Clusterer.Clustering clustering = Clusterer.kMeans(cf, k, seed);
        int[] cluster = clustering.assignment();
        boolean labelled = !labels.isEmpty();
        for (int c = 0; c < k; c++) {
            List<Integer> members = clustering.members(c);
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "cluster %d: %d clips", c + 1, members.size()));
            if (labelled) {
                List<String> memberLabels = members.stream().map(i -> cf.get(i).clip().label()).toList();
                List<Clusterer.LabelCount> top = Clusterer.topLabels(memberLabels, 3);
                head.append(" (");
                for (int t = 0; t < top.size(); t++) {
                    head.append(t > 0 ? ", " : "").append(top.get(t).label()).append(' ').append(top.get(t).count());
                }
                head.append(Clusterer.distinct(memberLabels) > 3 ? ", ...)" : ")");
            }
            o.println(head);
            if (!quietFiles) {
                for (int i : members) {
                    o.println("  " + cf.get(i).clip().path() + (labelled ? "  [" + cf.get(i).clip().label() + "]" : ""));
                }
            }
        }
        int[] truth = cf.stream().mapToInt(c -> c.clip().labelIndex()).toArray();
        if (labelled) {
            o.printf(Locale.ROOT, "adjusted Rand index against the labels: %.3f%n", clustering.adjustedRandIndex(truth));
        }
        if (out != null) {
            Files.createDirectories(out);
            double[][] xy = Clusterer.map(clustering.points(), mapKind, seed);
            StringBuilder csv = new StringBuilder("file,cluster," + (labelled ? "label," : "") + "x,y\n");
            for (int i = 0; i < cf.size(); i++) {
                csv.append(EmbedCommand.csv(cf.get(i).clip().path().toString())).append(',').append(cluster[i] + 1)
                        .append(',');
                if (labelled) {
                    csv.append(EmbedCommand.csv(cf.get(i).clip().label())).append(',');
                }
                csv.append(String.format(Locale.ROOT, "%.5f,%.5f%n", xy[i][0], xy[i][1]));
            }
            Reports.writeText(out.resolve("clusters.csv"), csv.toString());
            String mapName = mapKind.displayName();
            List<String> clusterNames = new ArrayList<>();
            for (int c = 0; c < k; c++) {
                clusterNames.add("cluster " + (c + 1));
            }
            String features = featureOptions.model();
            Reports.writePng(out.resolve("clusters.png"), scatter(xy, cluster, clusterNames,
                    cf.size() + " clips, k-means k=" + k + ", " + features + " embeddings, " + mapName + " map", mapName));
            o.println("wrote " + out.resolve("clusters.csv") + ", " + out.resolve("clusters.png"));
            if (labelled) {
                Reports.writePng(out.resolve("labels.png"), scatter(xy, truth, labels,
                        cf.size() + " clips coloured by label, " + features + " embeddings, " + mapName + " map", mapName));
                o.println("wrote " + out.resolve("labels.png"));
            }
        }
        return ExitCodes.OK;
    }

    /** {@code --k} is at least 2 and at most the number of clips. */
    private void checkK(int clips) {
        if (clips < MIN_K) {
            throw new BadInputException("cluster: " + clips + " clip(s) to cluster; k-means needs at least " + MIN_K);
        }
        Bounds.check("--k", k, MIN_K, clips, "at most the number of clips");
    }

    /** A scatter plot, one series per group, distinct colours and markers. */
    static XYChart scatter(double[][] xy, int[] group, List<String> names, String title, String mapName) {
        int groups = names.size();
        XYChart chart = new XYChartBuilder().width(groups > 20 ? 1500 : 1200).height(groups > 20 ? 1050 : 900)
                .title(title).xAxisTitle(mapName + " 1").yAxisTitle(mapName + " 2").build();
        var s = chart.getStyler();
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, groups > 20 ? 10 : 13));
        s.setMarkerSize(groups > 20 ? 7 : 8);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setPlotGridLinesColor(new Color(0xE8, 0xE8, 0xE8));
        Marker[] markers = {SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};
        for (int g = 0; g < groups; g++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < group.length; i++) {
                if (group[i] == g) {
                    xs.add(xy[i][0]);
                    ys.add(xy[i][1]);
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries series = chart.addSeries(names.get(g), xs, ys);
            series.setMarker(markers[(g / 10) % markers.length]);
            series.setMarkerColor(colour(g, groups));
        }
        return chart;
    }

    /** A qualitative palette (Tableau 10); groups beyond ten get darker, then lighter, shades and other markers. */
    private static final int[] PALETTE = {0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1,
        0xFF9DA7, 0x9C755F, 0xBAB0AC};

    static Color colour(int g, int groups) {
        Color base = new Color(PALETTE[g % PALETTE.length]);
        int shade = (g / PALETTE.length) % 3;
        if (shade == 1) {
            return base.darker();
        }
        if (shade == 2) {
            // 60 % of the colour, 40 % white
            return new Color((base.getRed() * 3 + 255 * 2) / 5, (base.getGreen() * 3 + 255 * 2) / 5,
                    (base.getBlue() * 3 + 255 * 2) / 5);
        }
        return base;
    }
}
