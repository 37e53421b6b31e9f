package dev.hark.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hark.core.io.AtomicFile;
import dev.hark.core.io.IoFailures;
import dev.hark.errors.BadInputException;
import dev.hark.models.train.Evaluation;
import dev.hark.models.train.FoldResult;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/** The files of {@code hark evaluate --report DIR}, each written to a temporary file and renamed. */
final class Reports {
    /** The files written into the report directory. */
    static final List<String> FILES = List.of("confusion.csv", "confusion.png", "folds.json", "predictions.csv");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    static void write(Path dir, Evaluation ev, String title) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException("--report " + dir + ": cannot create (" + e.getMessage() + ")");
        }
        List<String> labels = ev.labels();
        int[][] c = ev.confusion();
        StringBuilder csv = new StringBuilder("true\\predicted");
        for (String l : labels) {
            csv.append(',').append(EmbedCommand.csv(l));
        }
        csv.append('\n');
        for (int i = 0; i < c.length; i++) {
            csv.append(EmbedCommand.csv(labels.get(i)));
            for (int v : c[i]) {
                csv.append(',').append(v);
            }
            csv.append('\n');
        }
        writeText(dir.resolve("confusion.csv"), csv.toString());

        StringBuilder pred = new StringBuilder("file,fold,true,predicted,confidence\n");
        for (Evaluation.Prediction p : ev.predictions()) {
            pred.append(EmbedCommand.csv(p.file())).append(',').append(p.fold()).append(',')
                    .append(EmbedCommand.csv(labels.get(p.trueLabel()))).append(',')
                    .append(EmbedCommand.csv(labels.get(p.predictedLabel()))).append(',')
                    .append(String.format(Locale.ROOT, "%.4f", p.confidence())).append('\n');
        }
        writeText(dir.resolve("predictions.csv"), pred.toString());

        ObjectNode root = JSON.createObjectNode();
        root.put("meanAccuracy", ev.meanAccuracy());
        root.put("stdAccuracy", ev.stdAccuracy());
        ArrayNode folds = root.putArray("folds");
        for (FoldResult f : ev.folds()) {
            ObjectNode n = folds.addObject();
            n.put("fold", f.fold());
            n.put("accuracy", f.accuracy());
            n.put("correct", f.correct());
            n.put("testClips", f.testClips());
            n.put("trainClips", f.trainClips());
            ObjectNode perClass = n.putObject("perClassAccuracy");
            for (int i = 0; i < labels.size(); i++) {
                int total = java.util.Arrays.stream(f.confusion()[i]).sum();
                if (total > 0) {
                    perClass.put(labels.get(i), f.confusion()[i][i] / (double) total);
                }
            }
        }
        ObjectNode perClass = root.putObject("perClassAccuracy");
        double[] pc = ev.perClassAccuracy();
        for (int i = 0; i < labels.size(); i++) {
            if (!Double.isNaN(pc[i])) {
                perClass.put(labels.get(i), pc[i]);
            }
        }
        writeText(dir.resolve("folds.json"), JSON.writeValueAsString(root));
        writePng(dir.resolve("confusion.png"), heatMap(labels, c, title, ev.meanAccuracy()));
    }

    /** Row-normalised confusion (% of each true label's clips) as a heat map. */
    static HeatMapChart heatMap(List<String> labels, int[][] c, String title, double accuracy) {
        int n = labels.size();
        int cell = n <= 12 ? 48 : n <= 30 ? 26 : 19;
        int longest = labels.stream().mapToInt(String::length).max().orElse(5);
        int margin = 140 + 7 * longest;
        HeatMapChart chart = new HeatMapChartBuilder().width(margin + n * cell + 120).height(margin + n * cell + 40)
                .title(String.format(Locale.ROOT, "%s (accuracy %.1f %%)", title, 100 * accuracy)).build();
        chart.setXAxisTitle("predicted");
        chart.setYAxisTitle("true label");
        List<Number[]> heat = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int total = java.util.Arrays.stream(c[i]).sum();
            for (int j = 0; j < n; j++) {
                double pct = total == 0 ? 0 : Math.round(1000.0 * c[i][j] / total) / 10.0;
                // y axis runs bottom-up: put the first label on top
                heat.add(new Number[] {j, n - 1 - i, pct});
            }
        }
        List<String> ys = new ArrayList<>(labels);
        java.util.Collections.reverse(ys);
        chart.addSeries("% of true label", labels, ys, heat);
        var s = chart.getStyler();
        s.setLegendVisible(true);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotContentSize(1.0);
        s.setMin(0);
        s.setMax(100);
        // With cell values shown: white to a mid blue, so black numbers stay readable on every colour. Without
        // (many labels): a steeper ramp, so that small confusions still stand out from white.
        s.setRangeColors(n <= 20
                ? new Color[] {new Color(0xFF, 0xFF, 0xFF), new Color(0xC6, 0xDB, 0xEF), new Color(0x6B, 0xAE, 0xD6),
                    new Color(0x42, 0x92, 0xC6)}
                : new Color[] {new Color(0xFF, 0xFF, 0xFF), new Color(0x9E, 0xCA, 0xE1), new Color(0x42, 0x92, 0xC6),
                    new Color(0x21, 0x71, 0xB5), new Color(0x08, 0x45, 0x94)});
        s.setXAxisLabelRotation(90);
        Font tick = new Font(Font.SANS_SERIF, Font.PLAIN, n <= 12 ? 13 : 11);
        s.setAxisTickLabelsFont(tick);
        s.setShowValue(n <= 20);
        s.setPiecewise(false);
        s.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setHeatMapValueDecimalPattern("#");
        s.setDrawBorder(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        return chart;
    }

    /** Writes {@code text}; a failure (a disk that refuses after the up-front check) is one line, exit code 2. */
    static void writeText(Path file, String text) {
        try {
            AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw IoFailures.cannotWrite(file, e);
        }
    }

    /** Writes {@code chart} as a PNG; a failure is one line, exit code 2. */
    static void writePng(Path file, Chart<?, ?> chart) {
        try {
            AtomicFile.write(file, os -> BitmapEncoder.saveBitmap(chart, os, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw IoFailures.cannotWrite(file, e);
        }
    }
}
