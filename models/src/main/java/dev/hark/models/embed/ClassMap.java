package dev.hark.models.embed;

import dev.hark.errors.ModelException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads an AudioSet class map ({@code index,mid,display_name}, RFC 4180 quoting) into display names. */
public final class ClassMap {
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
        List<List<String>> rows = parse(text);
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

    /** Minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
