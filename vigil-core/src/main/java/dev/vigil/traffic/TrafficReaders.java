package dev.vigil.traffic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a traffic file whatever its format: gzip is recognised by its magic bytes, then a document
 * whose first key is {@code log} is HAR and anything else is JSON Lines. The format is taken from
 * the content, never the file name, because captures are routinely renamed.
 */
public final class TrafficReaders {
    private static final int PEEK_BYTES = 64 * 1024;

    private TrafficReaders() {}

    public static ReadSummary readFile(Path p, ExchangeSink sink, int maxBodyChars) throws IOException {
        String source = p.getFileName() == null ? p.toString() : p.getFileName().toString();
        try (InputStream raw = Files.newInputStream(p)) {
            return read(raw, source, sink, maxBodyChars);
        }
    }

    /** Same as {@link #readFile} for a stream; does not close {@code in}. */
    public static ReadSummary read(InputStream in, String sourceName, ExchangeSink sink, int maxBodyChars)
            throws IOException {
        InputStream stream = new BufferedInputStream(in, PEEK_BYTES);
        if (isGzip(stream)) {
            stream = new BufferedInputStream(new GZIPInputStream(stream, 1 << 16), PEEK_BYTES);
        }
        if (isHar(stream)) {
            return new HarReader(maxBodyChars).read(stream, sourceName, sink);
        }
        return new JsonlReader(maxBodyChars).read(stream, sourceName, sink);
    }

    private static boolean isGzip(InputStream stream) throws IOException {
        stream.mark(2);
        int b1 = stream.read();
        int b2 = stream.read();
        stream.reset();
        return b1 == 0x1f && b2 == 0x8b;
    }

    /** True when the first JSON key in the first bytes is "log" (HAR's only top-level key). */
    static boolean isHar(InputStream stream) throws IOException {
        stream.mark(PEEK_BYTES);
        byte[] head = stream.readNBytes(PEEK_BYTES);
        stream.reset();
        int start = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf) {
            start = 3;
        }
        while (start < head.length && Character.isWhitespace(head[start])) {
            start++;
        }
        if (start >= head.length || head[start] != '{') {
            return false;
        }
        try (JsonParser parser = new JsonFactory().createParser(Arrays.copyOfRange(head, start, head.length))) {
            return parser.nextToken() == JsonToken.START_OBJECT
                    && parser.nextToken() == JsonToken.FIELD_NAME
                    && parser.currentName().equals("log");
        } catch (IOException truncatedOrMalformed) {
            return false;
        }
    }
}
