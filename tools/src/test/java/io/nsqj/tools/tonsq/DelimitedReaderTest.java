package io.nsqj.tools.tonsq;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DelimitedReaderTest {
    private static List<String> pieces(String input, char delimiter) throws IOException {
        DelimitedReader r = new DelimitedReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), (byte) delimiter);
        List<String> out = new ArrayList<>();
        byte[] piece;
        while ((piece = r.next()) != null) {
            out.add(new String(piece, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void theDelimiterEndsEachPieceAndIsNotPartOfIt() throws IOException {
        assertEquals(List.of("a", "b c", ""), pieces("a\nb c\n\n", '\n'));
    }

    @Test
    void aLastPieceWithoutDelimiterIsKeptWhole() throws IOException {
        assertEquals(List.of("a", "bc"), pieces("a\nbc", '\n'));
    }

    @Test
    void emptyInputHasNoPieces() throws IOException {
        assertEquals(List.of(), pieces("", '\n'));
    }

    @Test
    void anyByteCanDelimit() throws IOException {
        assertEquals(List.of("x", "y\nz"), pieces("x,y\nz,", ','));
    }
}
