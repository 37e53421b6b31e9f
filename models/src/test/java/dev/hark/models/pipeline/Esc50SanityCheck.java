package dev.hark.models.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.core.audio.AudioFiles;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.head.AudioSetHead;
import dev.hark.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Sanity check of the whole chain on ESC-50 (folds 1-4): for a handful of classes, how often the clip summary
 * (mean YAMNet scores over the clip's windows, as {@code hark classify} prints it) has a fitting AudioSet label
 * in its top 3. Slow (about 220 clips), so it runs only on request:
 * {@code mvn -pl models -am verify -Dtest=Esc50SanityCheck -Dsurefire.failIfNoSpecifiedTests=false -Dhark.esc50=true}.
 */
@EnabledIfSystemProperty(named = "hark.esc50", matches = "true")
class Esc50SanityCheck {
    static final Map<String, Set<String>> FITTING = new LinkedHashMap<>();

    static {
        FITTING.put("dog", Set.of("Dog", "Bark", "Yip", "Howl", "Bow-wow", "Growling", "Whimper (dog)",
                "Canidae, dogs, wolves", "Domestic animals, pets", "Animal"));
        FITTING.put("rooster", Set.of("Chicken, rooster", "Crowing, cock-a-doodle-doo", "Fowl",
                "Livestock, farm animals, working animals", "Bird", "Animal"));
        FITTING.put("siren", Set.of("Siren", "Civil defense siren", "Police car (siren)", "Ambulance (siren)",
                "Fire engine, fire truck (siren)", "Emergency vehicle", "Alarm"));
        FITTING.put("church_bells", Set.of("Church bell", "Bell", "Change ringing (campanology)", "Chime",
                "Tubular bells", "Jingle bell"));
        FITTING.put("crying_baby", Set.of("Baby cry, infant cry", "Crying, sobbing", "Whimper", "Babbling",
                "Child speech, kid speaking"));
        FITTING.put("glass_breaking", Set.of("Glass", "Shatter", "Chink, clink", "Breaking", "Smash, crash"));
        FITTING.put("rain", Set.of("Rain", "Raindrop", "Rain on surface", "Water", "Drip"));
    }

    /** Generic parents that make a hit "loose": a strict hit needs a specific label. */
    static final Set<String> GENERIC = Set.of("Animal", "Domestic animals, pets",
            "Livestock, farm animals, working animals", "Bird", "Alarm", "Water", "Bell");

    @Test
    void clipSummariesPutAFittingLabelInTheTop3() throws Exception {
        Path root = TestData.shared().resolve("datasets/esc50-dev");
        List<String[]> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(root.resolve("meta/esc50.csv"));
        for (String line : lines.subList(1, lines.size())) {
            rows.add(line.split(","));
        }
        StringBuilder report = new StringBuilder("ESC-50 folds 1-4, clip summary (mean of window scores), "
                + "top-3 hit rate of a fitting AudioSet label:\n");
        double dogRate = 0;
        try (Embedder y = Embedders.open("yamnet", 0)) {
            List<String> labels = y.labels();
            for (Set<String> s : FITTING.values()) {
                assertTrue(labels.containsAll(s), "labels exist: " + s);
            }
            WindowAnalyzer a = WindowAnalyzer.builder(y).classifier(AudioSetHead.of(y)).build();
            for (Map.Entry<String, Set<String>> c : FITTING.entrySet()) {
                int clips = 0;
                int hits = 0;
                int hitsNoSilence = 0;
                int strict = 0;
                Map<String, Integer> firsts = new LinkedHashMap<>();
                for (String[] r : rows) {
                    if (!r[3].equals(c.getKey()) || Integer.parseInt(r[1]) > 4) {
                        continue;
                    }
                    List<WindowResult> w = a.analyze(AudioFiles.readMono16k(root.resolve("audio").resolve(r[0])));
                    double[] mean = new double[labels.size()];
                    for (WindowResult x : w) {
                        for (int i = 0; i < mean.length; i++) {
                            mean[i] += x.scores()[i] / w.size();
                        }
                    }
                    Integer[] idx = new Integer[mean.length];
                    for (int i = 0; i < idx.length; i++) {
                        idx[i] = i;
                    }
                    Arrays.sort(idx, (p, q) -> Double.compare(mean[q], mean[p]));
                    clips++;
                    firsts.merge(labels.get(idx[0]), 1, Integer::sum);
                    boolean hit = false;
                    for (int k = 0; k < 3; k++) {
                        hit |= c.getValue().contains(labels.get(idx[k]));
                    }
                    hits += hit ? 1 : 0;
                    boolean hitStrict = false;
                    for (int k = 0; k < 3; k++) {
                        String l = labels.get(idx[k]);
                        hitStrict |= c.getValue().contains(l) && !GENERIC.contains(l);
                    }
                    strict += hitStrict ? 1 : 0;
                    boolean hitNs = false;
                    for (int k = 0, seen = 0; seen < 3; k++) {
                        if (!labels.get(idx[k]).equals("Silence")) {
                            hitNs |= c.getValue().contains(labels.get(idx[k]));
                            seen++;
                        }
                    }
                    hitsNoSilence += hitNs ? 1 : 0;
                }
                if (c.getKey().equals("dog")) {
                    dogRate = hits / (double) clips;
                }
                report.append(String.format(Locale.ROOT, "  %-15s %2d/%2d = %5.1f %%   specific label only: %5.1f %%   (ignoring 'Silence': %5.1f %%)  "
                        + "most frequent top-1: %s%n", c.getKey(), hits, clips, 100.0 * hits / clips,
                        100.0 * strict / clips, 100.0 * hitsNoSilence / clips, top(firsts)));
            }
        }
        System.out.print(report);
        assertTrue(dogRate > 0.5, "most dog clips have a dog label in the top 3:\n" + report);
    }

    private static String top(Map<String, Integer> counts) {
        return counts.entrySet().stream().sorted((p, q) -> q.getValue() - p.getValue()).limit(3)
                .map(e -> e.getKey() + " " + e.getValue()).reduce((p, q) -> p + ", " + q).orElse("");
    }
}
