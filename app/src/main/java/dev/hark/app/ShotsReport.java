package dev.hark.app;

import dev.hark.models.train.FewShot;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** How {@code hark evaluate --shots} prints the few-data curves and writes them ({@code shots.csv}, {@code shots.png}). */
final class ShotsReport {
    /** The files written into the report directory. */
    static final List<String> FILES = List.of("shots.csv", "shots.png");
    private static final Color[] COLOURS = {new Color(0x1F, 0x77, 0xB4), new Color(0xD6, 0x27, 0x28),
        new Color(0x2C, 0xA0, 0x2C), new Color(0x94, 0x67, 0xBD), new Color(0xFF, 0x7F, 0x0E)};

    private ShotsReport() {
    }

    /** One line per feature set and n: mean +- std over the repeats, and the range. */
    static void print(PrintWriter o, String features, FewShot.Plan plan, FewShot.Curve curve) {
        for (int n : plan.shots()) {
            double[] a = curve.accuracies(n);
            FewShot.Run first = curve.runs().stream().filter(r -> r.shots() == n).findFirst().orElseThrow();
            o.printf(Locale.ROOT, "%s, %2d per class: %6.2f %% +- %5.2f %% (%d draws, %.1f to %.1f %%; trained on %d "
                    + "clips, tested on %d)%n", features, n, 100 * curve.mean(n), 100 * curve.std(n), a.length,
                    100 * java.util.Arrays.stream(a).min().orElse(0), 100 * java.util.Arrays.stream(a).max().orElse(0),
                    first.trainClips(), first.testClips());
        }
        o.flush();
    }

    /** Writes every run as CSV and the curves as a PNG. */
    static void write(Path dir, Map<String, FewShot.Curve> curves, FewShot.Plan plan, String title) {
        StringBuilder csv = new StringBuilder("features,shots,repeat,accuracy,train_clips,test_clips\n");
        curves.forEach((features, curve) -> {
            for (FewShot.Run r : curve.runs()) {
                csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.6f,%d,%d%n", EmbedCommand.csv(features), r.shots(),
                        r.repeat(), r.accuracy(), r.trainClips(), r.testClips()));
            }
        });
        Reports.writeText(dir.resolve("shots.csv"), csv.toString());
        Reports.writePng(dir.resolve("shots.png"), chart(curves, plan, title));
    }

    /**
     * Mean accuracy against examples per class, one line per feature set with error bars of one standard deviation;
     * the numbers of examples are equally spaced (1, 2, 5, 10, 20 is close to a log scale).
     */
    static CategoryChart chart(Map<String, FewShot.Curve> curves, FewShot.Plan plan, String title) {
        CategoryChart chart = new CategoryChartBuilder().width(760).height(520).title(title)
                .xAxisTitle("training examples per class (mean \u00b1 std of " + plan.repeats() + " random draws)")
                .yAxisTitle("accuracy on the held-out clips (%)").build();
        CategoryStyler s = chart.getStyler();
        s.setOverlapped(true);
        s.setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        s.setYAxisMin(0.0);
        s.setYAxisMax(100.0);
        s.setYAxisDecimalPattern("#");
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setErrorBarsColorSeriesColor(true);
        List<String> x = plan.shots().stream().map(String::valueOf).toList();
        int i = 0;
        for (Map.Entry<String, FewShot.Curve> e : curves.entrySet()) {
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (int n : plan.shots()) {
                y.add(100 * e.getValue().mean(n));
                err.add(100 * e.getValue().std(n));
            }
            CategorySeries series = chart.addSeries(e.getKey(), x, y, err);
            Color c = COLOURS[i++ % COLOURS.length];
            series.setLineColor(c);
            series.setMarkerColor(c);
            series.setFillColor(c);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineStyle(new BasicStroke(2.5f));
        }
        return chart;
    }

    /** The feature sets named by {@code --model a,b}, in order, without repeats. */
    static List<String> featureSets(String models) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (String m : models.split(",")) {
            if (!m.isBlank()) {
                seen.put(m.strip(), true);
            }
        }
        return List.copyOf(seen.keySet());
    }
}
