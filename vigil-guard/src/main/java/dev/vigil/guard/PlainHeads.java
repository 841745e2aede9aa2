package dev.vigil.guard;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the common HTTP/1.1 head in one pass over a copy of its bytes, ahead of Netty's decoder,
 * and declines everything else, which Netty's decoder then reads as before.
 *
 * <p>It accepts only a strict subset of what Netty's decoder accepts, and for that subset it builds
 * exactly the message Netty would: the same method, target, status, header names and values in
 * the same order, and the same body framing. A head is <em>plain</em> when it arrived whole within
 * {@link #MAX_LENGTH} bytes and has
 *
 * <ul>
 *   <li>a start line of exactly {@code token SP /target SP HTTP/1.1} (target bytes visible ASCII),
 *       or {@code HTTP/1.1 SP ddd SP reason} with a status from 200 to 599 other than 204 and 304
 *       and a reason of visible ASCII and inner blanks;
 *   <li>CRLF after every line, and no bare CR or LF anywhere;
 *   <li>header lines of a token, a colon right after it, and a value of visible ASCII, blanks and
 *       tabs (no other control byte, no byte above 0x7E), and no folded lines;
 *   <li>no {@code Transfer-Encoding} and at most one {@code Content-Length}, of 1 to 18 digits; a
 *       response must have one (a response without it is framed by chunks or by the connection's
 *       close, which Netty reads).
 * </ul>
 *
 * <p>Framing decisions never differ from Netty's: everything with a framing question (chunked,
 * several lengths, a length with a sign, a comma or blanks, HTTP/1.0, 1xx, 204, 304, a response to
 * HEAD) is declined. A test feeds the same mutated and split traffic to a decoder with and without
 * this reader and requires identical output.
 */
final class PlainHeads {
    /** Heads up to this many bytes are read here; longer ones go to Netty, which enforces the limits. */
    static final int MAX_LENGTH = 8192;
    /** Bytes copied first; most heads (and often the whole message) fit. */
    private static final int FIRST_COPY = 1024;

    private static final byte[] HTTP_1_1 = "HTTP/1.1".getBytes(StandardCharsets.US_ASCII);

    private byte[] scratch = new byte[FIRST_COPY];
    /** Per header line: name start, name end (the colon), value start, value end (trimmed). */
    private int[] fields = new int[64];

    private int count;
    private int length;
    private long contentLength;

    /**
     * {@code decoders}' headers without the check of each name's characters, which {@link PlainHeads}
     * has made on every name it adds (token characters only); values are still checked. Every other
     * name these headers get is one of the guard's own constants (forwarding headers, {@code
     * Connection}, {@code Transfer-Encoding}).
     */
    static HttpHeadersFactory headersFactory(HttpHeadersFactory decoders) {
        return decoders instanceof DefaultHttpHeadersFactory d ? d.withNameValidation(false) : decoders;
    }

    /** The body length the last head read announced: 0 when it has none. */
    long contentLength() {
        return contentLength;
    }

    /**
     * A request read from the start of {@code buffer}, which is then past its head; null, with
     * {@code buffer} untouched, when the head there is not plain or not whole.
     */
    Codecs.Request request(ByteBuf buffer, HttpHeadersFactory headersFactory) {
        int n = copy(buffer);
        if (n < 0) {
            return null;
        }
        byte[] b = scratch;
        int p = 0;
        while (p < n && HeadWriter.isToken(b[p])) {
            p++;
        }
        int methodEnd = p;
        if (methodEnd == 0 || p >= n || b[p] != ' ') {
            return null;
        }
        int targetStart = ++p;
        if (p >= n || b[p] != '/') {
            return null;
        }
        while (p < n && b[p] > ' ' && b[p] < 0x7F) {
            p++;
        }
        int targetEnd = p;
        if (p + 10 >= n) {
            return readMore(buffer, n) ? request(buffer, headersFactory) : null;
        }
        if (b[p] != ' ' || !versionAt(b, p + 1) || b[p + 9] != '\r' || b[p + 10] != '\n') {
            return null;
        }
        int end = headers(b, p + 11, n);
        if (end == INCOMPLETE) {
            return readMore(buffer, n) ? request(buffer, headersFactory) : null;
        }
        if (end < 0 || !framing(b, true)) {
            return null;
        }
        length = end;
        Codecs.Request request = new Codecs.Request(
                HttpVersion.HTTP_1_1,
                method(b, methodEnd),
                new String(b, targetStart, targetEnd - targetStart, StandardCharsets.ISO_8859_1),
                headersFactory);
        request.keep(Arrays.copyOf(scratch, length), finish(buffer, request.headers()));
        return request;
    }

    /**
     * A response read from the start of {@code buffer}, which is then past its head; null, with
     * {@code buffer} untouched, when the head there is not plain or not whole.
     */
    Codecs.Response response(ByteBuf buffer, HttpHeadersFactory headersFactory) {
        int n = copy(buffer);
        if (n < 0) {
            return null;
        }
        byte[] b = scratch;
        if (n < 14) {
            return readMore(buffer, n) ? response(buffer, headersFactory) : null;
        }
        if (!versionAt(b, 0) || b[8] != ' ' || !isDigit(b[9]) || !isDigit(b[10]) || !isDigit(b[11]) || b[12] != ' ') {
            return null;
        }
        int code = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
        if (code < 200 || code > 599 || code == 204 || code == 304) {
            return null;
        }
        int p = 13;
        int reasonStart = p;
        if (b[p] <= ' ' || b[p] >= 0x7F) {
            return null;
        }
        while (p < n && b[p] >= ' ' && b[p] < 0x7F) {
            p++;
        }
        int reasonEnd = p;
        if (p + 1 >= n) {
            return readMore(buffer, n) ? response(buffer, headersFactory) : null;
        }
        if (b[p] != '\r' || b[p + 1] != '\n' || b[reasonEnd - 1] == ' ') {
            return null;
        }
        int end = headers(b, p + 2, n);
        if (end == INCOMPLETE) {
            return readMore(buffer, n) ? response(buffer, headersFactory) : null;
        }
        if (end < 0 || !framing(b, false)) {
            return null;
        }
        length = end;
        Codecs.Response response =
                new Codecs.Response(HttpVersion.HTTP_1_1, status(b, code, reasonStart, reasonEnd), headersFactory);
        response.keep(Arrays.copyOf(scratch, length), finish(buffer, response.headers()));
        return response;
    }

    private static final int INCOMPLETE = -1;
    private static final int NOT_PLAIN = -2;

    /**
     * Reads the header lines from {@code p}: the index after the blank line ending the head,
     * {@link #INCOMPLETE} when the bytes end first, or {@link #NOT_PLAIN}.
     */
    private int headers(byte[] b, int p, int n) {
        count = 0;
        while (true) {
            if (p + 1 >= n) {
                return INCOMPLETE;
            }
            if (b[p] == '\r') {
                return b[p + 1] == '\n' ? p + 2 : NOT_PLAIN;
            }
            int nameStart = p;
            while (p < n && HeadWriter.isToken(b[p])) {
                p++;
            }
            if (p >= n) {
                return INCOMPLETE;
            }
            if (p == nameStart || b[p] != ':') {
                return NOT_PLAIN;
            }
            int nameEnd = p++;
            while (p < n && (b[p] == ' ' || b[p] == '\t')) {
                p++;
            }
            int valueStart = p;
            int valueEnd = p;
            while (p < n) {
                byte c = b[p];
                if (c == '\r') {
                    break;
                }
                if (c < ' ' ? c != '\t' : c == 0x7F) {
                    // Control bytes, bare LF, and (as negative bytes) everything above 0x7F.
                    return NOT_PLAIN;
                }
                p++;
                if (c != ' ' && c != '\t') {
                    valueEnd = p;
                }
            }
            if (p + 1 >= n) {
                return INCOMPLETE;
            }
            if (b[p + 1] != '\n') {
                return NOT_PLAIN;
            }
            p += 2;
            int at = 4 * count;
            if (at + 4 > fields.length) {
                fields = Arrays.copyOf(fields, fields.length * 2);
            }
            fields[at] = nameStart;
            fields[at + 1] = nameEnd;
            fields[at + 2] = valueStart;
            fields[at + 3] = valueEnd;
            count++;
        }
    }

    /** Whether the body's framing is one Netty would read the same way; sets {@link #contentLength}. */
    private boolean framing(byte[] b, boolean request) {
        long declared = -1;
        for (int i = 0; i < count; i++) {
            int at = 4 * i;
            int nameStart = fields[at];
            int nameLength = fields[at + 1] - nameStart;
            if (nameLength == TRANSFER_ENCODING.length()
                    && HeadWriter.equalsLowerCase(b, nameStart, TRANSFER_ENCODING)) {
                return false;
            }
            if (nameLength == CONTENT_LENGTH.length() && HeadWriter.equalsLowerCase(b, nameStart, CONTENT_LENGTH)) {
                int from = fields[at + 2];
                int to = fields[at + 3];
                if (declared >= 0 || to == from || to - from > 18) {
                    return false;
                }
                declared = 0;
                for (int k = from; k < to; k++) {
                    if (!isDigit(b[k])) {
                        return false;
                    }
                    declared = declared * 10 + (b[k] - '0');
                }
            }
        }
        if (declared < 0 && !request) {
            return false;
        }
        contentLength = Math.max(declared, 0);
        return true;
    }

    /**
     * Adds the header fields read to {@code headers} and moves {@code buffer} past the head; returns
     * the lines' places for {@link HeadWriter} (see {@link Codecs.Head#lines}).
     */
    private int[] finish(ByteBuf buffer, HttpHeaders headers) {
        byte[] b = scratch;
        int[] lines = new int[2 * count + 1];
        for (int i = 0; i < count; i++) {
            int at = 4 * i;
            int valueLength = fields[at + 3] - fields[at + 2];
            headers.add(
                    name(b, fields[at], fields[at + 1] - fields[at]),
                    valueLength == 0 ? "" : new String(b, fields[at + 2], valueLength, StandardCharsets.ISO_8859_1));
            lines[2 * i] = fields[at];
            lines[2 * i + 1] = fields[at + 1];
        }
        lines[2 * count] = length - 2;
        buffer.skipBytes(length);
        return lines;
    }

    /**
     * {@code HttpResponseStatus.valueOf(code, reason)}, without making a string of the usual reason.
     */
    private static HttpResponseStatus status(byte[] b, int code, int reasonStart, int reasonEnd) {
        HttpResponseStatus usual = HttpResponseStatus.valueOf(code);
        String phrase = usual.reasonPhrase();
        int length = reasonEnd - reasonStart;
        if (phrase.length() == length) {
            int i = 0;
            while (i < length && phrase.charAt(i) == b[reasonStart + i]) {
                i++;
            }
            if (i == length) {
                return HttpResponseStatus.valueOf(code, phrase);
            }
        }
        return HttpResponseStatus.valueOf(code, new String(b, reasonStart, length, StandardCharsets.ISO_8859_1));
    }

    /**
     * Copies the start of {@code buffer} to the scratch array: the number of bytes copied, or -1 when
     * there is nothing to read.
     */
    private int copy(ByteBuf buffer) {
        int n = Math.min(buffer.readableBytes(), scratch.length);
        if (n == 0) {
            return -1;
        }
        buffer.getBytes(buffer.readerIndex(), scratch, 0, n);
        return n;
    }

    /** Whether the head may continue beyond the {@code n} bytes copied: the scratch array grows. */
    private boolean readMore(ByteBuf buffer, int n) {
        if (n < scratch.length || scratch.length >= MAX_LENGTH || buffer.readableBytes() <= n) {
            return false;
        }
        scratch = new byte[MAX_LENGTH];
        return true;
    }

    private static boolean versionAt(byte[] b, int at) {
        return Arrays.equals(b, at, at + HTTP_1_1.length, HTTP_1_1, 0, HTTP_1_1.length);
    }

    private static HttpMethod method(byte[] b, int end) {
        if (end == 3 && b[0] == 'G' && b[1] == 'E' && b[2] == 'T') {
            return HttpMethod.GET;
        }
        if (end == 4 && b[0] == 'P' && b[1] == 'O' && b[2] == 'S' && b[3] == 'T') {
            return HttpMethod.POST;
        }
        return HttpMethod.valueOf(new String(b, 0, end, StandardCharsets.ISO_8859_1));
    }

    private static final String CONTENT_LENGTH = "content-length";
    private static final String TRANSFER_ENCODING = "transfer-encoding";

    /** Well-known names written the usual way are shared, as Netty's request decoder does. */
    private static final AsciiString[] COMMON = {
        HttpHeaderNames.HOST,
        HttpHeaderNames.ACCEPT,
        HttpHeaderNames.CONNECTION,
        HttpHeaderNames.CONTENT_TYPE,
        HttpHeaderNames.CONTENT_LENGTH,
        HttpHeaderNames.USER_AGENT,
        HttpHeaderNames.DATE,
        HttpHeaderNames.SERVER,
        HttpHeaderNames.AUTHORIZATION,
    };

    private static final AsciiString[] COMMON_CASED = Arrays.stream(COMMON)
            .map(n -> AsciiString.cached(capitalised(n.toString())))
            .toArray(AsciiString[]::new);

    private static String capitalised(String lower) {
        StringBuilder s = new StringBuilder(lower.length());
        boolean upper = true;
        for (char c : lower.toCharArray()) {
            s.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return s.toString();
    }

    private static AsciiString name(byte[] b, int from, int length) {
        for (AsciiString known : COMMON_CASED) {
            if (known.length() == length && known.byteAt(0) == b[from] && same(b, from, known)) {
                return known;
            }
        }
        return new AsciiString(b, from, length, true);
    }

    private static boolean same(byte[] b, int from, AsciiString known) {
        for (int i = 1; i < known.length(); i++) {
            if (known.byteAt(i) != b[from + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
