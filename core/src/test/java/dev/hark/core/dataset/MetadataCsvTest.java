package dev.hark.core.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataCsvTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        Path f = dir.resolve("meta.csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void quotesSpacesBlankLinesAndAByteOrderMarkAreAccepted() throws IOException {
        Path f = csv("\uFEFFfilename, fold ,target,category\r\n"
                + "\"a, b.ogg\",1,0,\" dog \"\r\n"
                + "\r\n"
                + "   \n"
                + "c.ogg,2,1,\"say \"\"hi\"\"\"\n");
        MetadataCsv t = MetadataCsv.read(f, "filename", "fold", "target", "category");
        assertEquals(2, t.size());
        assertEquals("a, b.ogg", t.cell(0, "filename"));
        assertEquals("dog", t.cell(0, "category"), "cells are trimmed, quoted or not");
        assertEquals(2, t.fold(1));
        assertEquals("say \"hi\"", t.cell(1, "category"));
        assertEquals(List.of("dog", "say \"hi\""), t.labelsById("target", "category"));
    }

    @Test
    void problemsNameTheFileAndTheLine() throws IOException {
        Path f = csv("filename,fold,target,category\nx.ogg,1,0,dog\ny.ogg,0,1,cat\nz.ogg,2,0,\n");
        MetadataCsv t = MetadataCsv.read(f, "filename", "fold", "target", "category");
        BadInputException fold = assertThrows(BadInputException.class, () -> t.fold(1));
        assertEquals(f + " line 3: fold must be >= 1, got 0", fold.getMessage());
        BadInputException empty = assertThrows(BadInputException.class, () -> t.cell(2, "category"));
        assertEquals(f + " line 4: column 4 is missing or empty", empty.getMessage());

        Path twoNames = csv("filename,fold,target,category\nx.ogg,1,0,dog\ny.ogg,1,0,cat\n");
        BadInputException e = assertThrows(BadInputException.class,
                () -> MetadataCsv.read(twoNames, "target", "category").labelsById("target", "category"));
        assertTrue(e.getMessage().endsWith("line 3: target 0 is both 'dog' and 'cat'"), e.getMessage());
    }

    @Test
    void emptyHeaderOnlyAndBrokenFilesAreRefused() throws IOException {
        BadInputException empty = assertThrows(BadInputException.class, () -> MetadataCsv.read(csv("\n\n"), "fold"));
        assertTrue(empty.getMessage().endsWith("empty (expected a header line)"), empty.getMessage());
        BadInputException headerOnly = assertThrows(BadInputException.class,
                () -> MetadataCsv.read(csv("fold\n"), "fold"));
        assertTrue(headerOnly.getMessage().contains("no clips listed"), headerOnly.getMessage());
        BadInputException unterminated = assertThrows(BadInputException.class,
                () -> MetadataCsv.read(csv("fold,name\n1,\"open\n"), "fold"));
        assertTrue(unterminated.getMessage().startsWith(dir.resolve("meta.csv") + ": cannot read"),
                unterminated.getMessage());
    }
}
