package dev.hark.core.frontend;

import dev.hark.testkit.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Access to ../shared/golden/frontend: raw little-endian float32 files and INDEX.txt. */
final class Golden {
    private Golden() {
    }

    static Path dir() {
        Path d = TestData.shared("golden/frontend");
        if (!Files.isDirectory(d)) {
            throw new IllegalStateException("golden front-end data not found at " + d.toAbsolutePath());
        }
        return d;
    }

    static float[] f32(String file) {
        try {
            byte[] b = Files.readAllBytes(dir().resolve(file));
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.length / 4];
            bb.asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static float[][] f32(String file, int cols) {
        float[] flat = f32(file);
        if (flat.length % cols != 0) {
            throw new IllegalStateException(file + ": " + flat.length + " values is not a multiple of " + cols);
        }
        float[][] out = new float[flat.length / cols][cols];
        for (int r = 0; r < out.length; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }

    /** One line of INDEX.txt: {@code NAME: S samples -> F frames x 64 bands}. */
    record Entry(String name, int samples, int frames, int bands) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Entry> index() {
        Pattern p = Pattern.compile("(\\w+): (\\d+) samples -> (\\d+) frames x (\\d+) bands");
        List<Entry> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir().resolve("INDEX.txt"))) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher m = p.matcher(line.trim());
                if (!m.matches()) {
                    throw new IllegalStateException("INDEX.txt: cannot parse line: " + line);
                }
                out.add(new Entry(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("INDEX.txt lists no golden inputs");
        }
        return out;
    }
}
