package dev.hark.core.dataset;

import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A data set's metadata table ({@code meta/esc50.csv}, {@code metadata/UrbanSound8K.csv}): a header naming the
 * columns, then one row per clip, read with commons-csv (RFC 4180 quotes; cells trimmed; blank lines and a byte
 * order mark ignored). Every problem is a {@link BadInputException} naming the file and, for a cell, its line.
 */
final class MetadataCsv {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setIgnoreSurroundingSpaces(true).setTrim(true).get();

    private final Path file;
    private final Map<String, Integer> columns;
    /** Data rows; row {@code i} is on line {@code i + 2} (blank lines not counted). */
    private final List<CSVRecord> rows;

    private MetadataCsv(Path file, Map<String, Integer> columns, List<CSVRecord> rows) {
        this.file = file;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Reads {@code file}, whose header must hold the {@code required} columns (in any order, among others) and
     * which must list at least one clip.
     */
    static MetadataCsv read(Path file, String... required) {
        List<CSVRecord> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(withoutBom(Files.readString(file, StandardCharsets.UTF_8)), FORMAT)) {
            for (CSVRecord r : parser) {
                if (!(r.size() == 1 && r.get(0).isEmpty())) {
                    records.add(r);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new BadInputException(file + ": empty (expected a header line)");
        }
        Map<String, Integer> columns = new HashMap<>();
        CSVRecord header = records.get(0);
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i), i);
        }
        List<String> missing = new ArrayList<>();
        for (String r : required) {
            if (!columns.containsKey(r)) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(file + ": header lacks column(s) " + String.join(", ", missing) + "; expected "
                    + String.join(",", required));
        }
        if (records.size() == 1) {
            throw new BadInputException(file + ": no clips listed (expected a header and one row per clip)");
        }
        return new MetadataCsv(file, columns, records.subList(1, records.size()));
    }

    private static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Number of data rows. */
    int size() {
        return rows.size();
    }

    /** The non-empty cell of {@code column} in data row {@code row}. */
    String cell(int row, String column) {
        int c = columns.get(column);
        CSVRecord r = rows.get(row);
        if (c >= r.size() || r.get(c).isEmpty()) {
            throw error(row, "column " + (c + 1) + " is missing or empty");
        }
        return r.get(c);
    }

    /** The cell of {@code column} as a whole number. */
    int wholeNumber(int row, String column) {
        String v = cell(row, column);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw error(row, column + " is not a whole number: '" + v + "'");
        }
    }

    /** The cell of the {@code fold} column: a whole number of at least 1. */
    int fold(int row) {
        int fold = wholeNumber(row, "fold");
        if (fold < 1) {
            throw error(row, "fold must be >= 1, got " + fold);
        }
        return fold;
    }

    /**
     * The label names ordered by their numeric id ({@code idColumn}, e.g. ESC-50's {@code target}), as in the
     * data sets' releases; an id given two names is an error.
     */
    List<String> labelsById(String idColumn, String nameColumn) {
        TreeMap<Integer, String> byId = new TreeMap<>();
        for (int r = 0; r < rows.size(); r++) {
            int id = wholeNumber(r, idColumn);
            String name = cell(r, nameColumn);
            String old = byId.putIfAbsent(id, name);
            if (old != null && !old.equals(name)) {
                throw error(r, idColumn + " " + id + " is both '" + old + "' and '" + name + "'");
            }
        }
        return new ArrayList<>(byId.values());
    }

    private BadInputException error(int row, String problem) {
        return new BadInputException(file + " line " + (row + 2) + ": " + problem);
    }
}
