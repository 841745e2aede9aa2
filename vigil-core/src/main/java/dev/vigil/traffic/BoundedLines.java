package dev.vigil.traffic;

import java.io.IOException;
import java.io.Reader;

/** Splits a reader into lines (LF or CRLF) without ever buffering more than a limit per line. */
final class BoundedLines {
    record Line(String text, boolean tooLong) {}

    private final Reader reader;
    private final int maxChars;
    private final StringBuilder buffer = new StringBuilder();
    private boolean ended;

    BoundedLines(Reader reader, int maxChars) {
        this.reader = reader;
        this.maxChars = maxChars;
    }

    /** The next line, or null at the end of input. */
    Line next() throws IOException {
        if (ended) {
            return null;
        }
        buffer.setLength(0);
        boolean tooLong = false;
        boolean any = false;
        int c;
        while ((c = reader.read()) != -1) {
            any = true;
            if (c == '\n') {
                return line(tooLong);
            }
            if (buffer.length() < maxChars) {
                buffer.append((char) c);
            } else {
                tooLong = true;
            }
        }
        ended = true;
        return any ? line(tooLong) : null;
    }

    private Line line(boolean tooLong) {
        int end = buffer.length();
        if (end > 0 && buffer.charAt(end - 1) == '\r') {
            end--;
        }
        return new Line(tooLong ? "" : buffer.substring(0, end), tooLong);
    }
}
