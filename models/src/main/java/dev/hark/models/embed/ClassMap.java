package dev.hark.models.embed;

import dev.hark.errors.ModelException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads an AudioSet class map ({@code index,mid,display_name}, RFC 4180 quoting, read by commons-csv). */
public final class ClassMap {
    /** RFC 4180 as released: quoted fields may hold commas, doubled quotes and line breaks; cells are not trimmed. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private ClassMap() {
    }

    /**
     * Display names in index order.
     *
     * @param location where the bytes came from, for messages
     * @throws ModelException when the file is not a class map (bad header, indices out of order)
     */
    public static List<String> displayNames(byte[] csv, String location) {
        String text = new String(csv, StandardCharsets.UTF_8);
        List<List<String>> rows = parse(text, location);
        if (rows.isEmpty() || !rows.get(0).equals(List.of("index", "mid", "display_name"))) {
            throw new ModelException("class map " + location + " does not start with the header index,mid,display_name");
        }
        List<String> names = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() != 3 || !row.get(0).equals(Integer.toString(names.size()))) {
                throw new ModelException("class map " + location + ": line " + (r + 1) + " should be index "
                        + names.size() + ",mid,display_name but is " + String.join(",", row));
            }
            names.add(row.get(2));
        }
        return List.copyOf(names);
    }

    /** Every record, blank lines included (as one empty cell), so that record {@code r} is on line {@code r + 1}. */
    private static List<List<String>> parse(String text, String location) {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            for (CSVRecord r : parser) {
                rows.add(r.toList());
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ModelException("class map " + location + " is not valid CSV: " + e.getMessage(), e);
        }
        return rows;
    }
}
