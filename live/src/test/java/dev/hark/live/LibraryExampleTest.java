package dev.hark.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.live.capture.FileSource;
import dev.hark.models.embed.Embedder;
import dev.hark.models.embed.Embedders;
import dev.hark.models.head.AudioSetHead;
import dev.hark.models.pipeline.ClipClassifier;
import dev.hark.models.pipeline.ClipSummary;
import dev.hark.testkit.TestData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's library examples: the code between the markers below must appear in the README's section
 * "Using Hark as a library" exactly (its imports too), and what it prints must be the README's output.
 */
class LibraryExampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Path SELF = Path.of("src/test/java/dev/hark/live/LibraryExampleTest.java");

    /** The README's ESC-50 dog clip, read from ../shared wherever the test runs. */
    static void detectorExample(Path clip) throws Exception {
        // README detector begin
        try (Detector detector = Detector.builder()
                .source(new FileSource(clip, false))   // or new MicrophoneSource(null): the default device
                .build()) {
            detector.onEvent(e -> System.out.printf("%.2f %s %s %.2f%n", e.timeSeconds(), e.type(), e.label(),
                    e.score()));
            detector.start();     // throws BadInputException (no microphone, bad file) or ModelException
            detector.await();     // a file ends by itself; a microphone listens until detector.stop()
            System.out.println(detector.stats().eventsPerLabel());
        }
        // README detector end
    }

    static void pipelineExample() {
        // README pipeline begin
        float[] samples = new float[3 * 44_100];   // your audio: here 3 s of a 1 kHz tone at 44.1 kHz
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (0.1 * Math.sin(2 * Math.PI * 1000 * i / 44_100.0));
        }
        try (DetectionPipeline pipeline = DetectionPipeline.builder().build()) {
            Detections found = pipeline.process(samples, 44_100);   // call again with the next samples
            Detections last = pipeline.finish();                    // the last windows; open events closed
            System.out.println(found.windows().size() + last.windows().size() + " windows");
            found.events().forEach(System.out::println);
            last.events().forEach(System.out::println);
        }
        // README pipeline end
    }

    static void clipExample(Path clip) {
        // README clips begin
        try (Embedder yamnet = Embedders.open("yamnet", 1)) {
            ClipClassifier classifier = ClipClassifier.of(yamnet, AudioSetHead.of(yamnet), 0);   // 0: the model's hop
            ClipSummary s = classifier.classify(clip, window -> { });   // or classify(samples16k, ...)
            s.top(3).forEach(l -> System.out.printf("%s %.4f%n", l.label(), l.score()));
        }
        // README clips end
    }

    private interface Example {
        void run() throws Exception;
    }

    private static String printed(Example example) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            example.run();
        } finally {
            System.setOut(out);
        }
        String s = bytes.toString(StandardCharsets.UTF_8);
        out.print(s);
        return s;
    }

    /** The lines between "// README name begin" and "end" in this file, without their common indentation. */
    private static List<String> snippet(String name) throws Exception {
        List<String> lines = Files.readAllLines(SELF);
        int from = lines.indexOf(lines.stream().filter(l -> l.strip().equals("// README " + name + " begin"))
                .findFirst().orElseThrow());
        int to = lines.indexOf(lines.stream().filter(l -> l.strip().equals("// README " + name + " end"))
                .findFirst().orElseThrow());
        List<String> body = lines.subList(from + 1, to);
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
    }

    /** The README's fenced blocks of the library section, in order. */
    private static List<String> readmeBlocks() throws Exception {
        String md = Files.readString(README);
        int start = md.indexOf("## Using Hark as a library");
        String section = md.substring(start, md.indexOf("\n## ", start + 1));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static void assertInReadme(String javaBlock, List<String> imports, List<String> code) {
        List<String> lines = Arrays.asList(javaBlock.split("\n", -1));
        assertEquals(imports, lines.stream().filter(l -> l.startsWith("import ")).toList(), "the README's imports");
        String joined = String.join("\n", code);
        assertTrue(javaBlock.contains(joined), "the README shows exactly the code tested:\n" + joined);
    }

    @Test
    void readmeExamplesAreThisCodeAndPrintThis() throws Exception {
        List<String> blocks = readmeBlocks();
        assertEquals(6, blocks.size(), "detector, pipeline and clip classifier: code and output of each");
        assertInReadme(blocks.get(0), List.of("import dev.hark.live.Detector;",
                "import dev.hark.live.capture.FileSource;", "import java.nio.file.Path;"), snippet("detector"));
        assertTrue(blocks.get(0).contains("Path clip = Path.of(\"../shared/datasets/esc50-dev/audio/"
                + "1-100032-A-0.ogg\");"));
        assertInReadme(blocks.get(2), List.of("import dev.hark.live.DetectionPipeline;",
                "import dev.hark.live.Detections;"), snippet("pipeline"));

        Path clip = TestData.shared().resolve("datasets/esc50-dev/audio/1-100032-A-0.ogg");
        assertEquals(blocks.get(1), printed(() -> detectorExample(clip)));
        assertEquals(blocks.get(3), printed(LibraryExampleTest::pipelineExample));
        assertInReadme(blocks.get(4), List.of("import dev.hark.models.embed.Embedder;",
                "import dev.hark.models.embed.Embedders;", "import dev.hark.models.head.AudioSetHead;",
                "import dev.hark.models.pipeline.ClipClassifier;", "import dev.hark.models.pipeline.ClipSummary;"),
                snippet("clips"));
        assertEquals(blocks.get(5), printed(() -> clipExample(clip)));
    }
}
