package dev.hark.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.testkit.TestData;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's section "Using Hark as a library": every {@code java} block is compiled as it stands there (its
 * imports at the top of a class, the rest as the body of a method, {@code "../shared/} read as this checkout's
 * ../shared) against this module's test class path, run, and what it prints must be the plain block after it; the
 * Maven dependency block names this module's coordinates.
 */
class LibraryExampleTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern FENCE = Pattern.compile("(?m)^```([a-z]*)\\n(.*?)^```$", Pattern.DOTALL);

    @TempDir
    Path tmp;

    /** A fenced block: its language ("" for none) and text. */
    record Fenced(String language, String text) {
    }

    static List<Fenced> sectionBlocks() throws Exception {
        String md = Files.readString(README);
        int start = md.indexOf("## Using Hark as a library");
        assertTrue(start >= 0, "the README has a section \"Using Hark as a library\"");
        int end = md.indexOf("\n## ", start + 1);
        String section = md.substring(start, end < 0 ? md.length() : end);
        List<Fenced> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(section);
        while (m.find()) {
            blocks.add(new Fenced(m.group(1), m.group(2)));
        }
        return blocks;
    }

    @Test
    void theDependencyBlockNamesThisModule() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher artifact = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>").matcher(pom);
        Matcher version = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertTrue(artifact.find() && version.find());
        String xml = sectionBlocks().stream().filter(b -> b.language().equals("xml")).findFirst().orElseThrow().text();
        assertEquals("<dependency>\n  <groupId>dev.hark</groupId>\n  <artifactId>" + artifact.group(1)
                + "</artifactId>\n  <version>" + version.group(1) + "</version>\n</dependency>\n", xml);
    }

    @Test
    void everyJavaBlockCompilesRunsAndPrintsTheBlockAfterIt() throws Exception {
        List<Fenced> blocks = sectionBlocks();
        int examples = 0;
        for (int i = 0; i < blocks.size(); i++) {
            if (!blocks.get(i).language().equals("java")) {
                continue;
            }
            assertTrue(i + 1 < blocks.size() && blocks.get(i + 1).language().isEmpty(),
                    "Java block " + (examples + 1) + " of the library section is followed by what it prints");
            String printed = run("Example" + (++examples), blocks.get(i).text());
            assertEquals(blocks.get(i + 1).text(), printed, "what Java block " + examples + " prints");
        }
        assertEquals(4, examples, "the detector, the pipeline, the teacher and the clip classifier");
    }

    /** Compiles {@code code} as the class {@code name} and runs it, returning what it printed. */
    private String run(String name, String code) throws Exception {
        String shared = TestData.shared().toAbsolutePath().normalize() + "/";
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : code.split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line.replace("\"../shared/", "\"" + shared))
                    .append('\n');
        }
        Path src = Files.createDirectories(tmp.resolve("src/readme")).resolve(name + ".java");
        Files.writeString(src, "package readme;\n" + imports + "public final class " + name
                + " {\n    public static void run() throws Exception {\n" + body + "    }\n}\n");
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        boolean ok = javac.getTask(diagnostics, null, null, List.of("-classpath", classPath, "-d", classes.toString(),
                "-Xlint:all,-path,-processing", "-proc:none", "-Werror"), null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                .getJavaFileObjects(src.toFile())).call();
        assertTrue(ok, "the README's " + name + " compiles:\n" + diagnostics + "\n" + Files.readString(src));
        PrintStream out = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                LibraryExampleTest.class.getClassLoader())) {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            loader.loadClass("readme." + name).getMethod("run").invoke(null);
        } catch (InvocationTargetException e) {
            throw new AssertionError("the README's " + name + " failed", e.getCause());
        } finally {
            System.setOut(out);
        }
        String s = bytes.toString(StandardCharsets.UTF_8);
        out.print(s);
        return s;
    }

    @Test
    void aCompileErrorInABlockIsFound() throws Exception {
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> run("Broken", "import java.nio.file.Path;\n\nPath p = \"a string\";\n"));
        assertTrue(e.getMessage().contains("compiles"), e.getMessage());
        assertEquals("hello " + File.separator + "\n", run("Fine", "import java.io.File;\n\n"
                + "System.out.println(\"hello \" + File.separator);\n"));
    }
}
