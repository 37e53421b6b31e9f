package dev.hark.models.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hark.errors.ModelException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassMapTest {
    private static List<String> names(String csv) {
        return ClassMap.displayNames(csv.getBytes(StandardCharsets.UTF_8), "map.csv");
    }

    @Test
    void quotedNamesMayHoldCommasQuotesAndLineBreaks() {
        assertEquals(List.of("Speech", "Child speech, kid speaking", "say \"hi\"", "two\nlines", " spaced "),
                names("index,mid,display_name\r\n"
                        + "0,/m/09x0r,Speech\r\n"
                        + "1,/m/0ytgt,\"Child speech, kid speaking\"\r\n"
                        + "\r\n"
                        + "2,/m/x,\"say \"\"hi\"\"\"\n"
                        + "3,/m/y,\"two\nlines\"\n"
                        + "4,/m/z, spaced \n"));
    }

    @Test
    void aWrongHeaderOrIndexIsAModelExceptionNamingTheLine() {
        ModelException header = assertThrows(ModelException.class, () -> names("id,mid,name\n0,/m/a,A\n"));
        assertEquals("class map map.csv does not start with the header index,mid,display_name", header.getMessage());
        ModelException gap = assertThrows(ModelException.class,
                () -> names("index,mid,display_name\n0,/m/a,A\n\n2,/m/c,C\n"));
        assertEquals("class map map.csv: line 4 should be index 1,mid,display_name but is 2,/m/c,C", gap.getMessage());
        ModelException broken = assertThrows(ModelException.class,
                () -> names("index,mid,display_name\n0,/m/a,\"open\n"));
        assertTrue(broken.getMessage().startsWith("class map map.csv is not valid CSV"), broken.getMessage());
    }
}
