package dev.vigil.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {
    private static List<BoundedLines.Line> lines(String text, int max) throws IOException {
        BoundedLines lines = new BoundedLines(new StringReader(text), max);
        List<BoundedLines.Line> out = new ArrayList<>();
        for (BoundedLines.Line l; (l = lines.next()) != null; ) {
            out.add(l);
        }
        return out;
    }

    @Test
    void splitsOnLfAndCrlfKeepingALastLineWithoutNewline() throws IOException {
        assertThat(lines("a\r\nbb\n\nccc", 10))
                .extracting(BoundedLines.Line::text)
                .containsExactly("a", "bb", "", "ccc");
        assertThat(lines("a\n", 10)).extracting(BoundedLines.Line::text).containsExactly("a");
    }

    @Test
    void flagsOverlongLinesAndCarriesOnWithTheNext() throws IOException {
        List<BoundedLines.Line> out = lines("short\n" + "y".repeat(100) + "\nnext", 10);
        assertThat(out).extracting(BoundedLines.Line::tooLong).containsExactly(false, true, false);
        assertThat(out.get(2).text()).isEqualTo("next");
    }
}
