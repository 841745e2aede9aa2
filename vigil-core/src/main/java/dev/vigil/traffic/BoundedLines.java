package dev.vigil.traffic;

import java.io.IOException;
import java.io.Reader;

/** Splits a reader into lines (LF or CRLF) without ever buffering more than a limit per line. */
final class BoundedLines {
    record Line(String text, boolean tooLong) {}

    private final Reader reader;
    private final int maxChars;
    private final char[] chunk = new char[1 << 16];
    private final StringBuilder buffer = new StringBuilder();
    private int pos;
    private int limit;
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
        while (true) {
            if (pos == limit) {
                limit = reader.read(chunk, 0, chunk.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    ended = true;
                    return any ? line(tooLong) : null;
                }
            }
            any = true;
            int start = pos;
            while (pos < limit && chunk[pos] != '\n') {
                pos++;
            }
            int room = maxChars - buffer.length();
            int take = Math.min(pos - start, Math.max(room, 0));
            buffer.append(chunk, start, take);
            tooLong |= take < pos - start;
            if (pos < limit) {
                pos++; // the newline
                return line(tooLong);
            }
        }
    }

    private Line line(boolean tooLong) {
        int end = buffer.length();
        if (end > 0 && buffer.charAt(end - 1) == '\r') {
            end--;
        }
        return new Line(tooLong ? "" : buffer.substring(0, end), tooLong);
    }
}
