package dev.vigil.guard;

import dev.vigil.guard.detect.RequestHead;
import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.Header;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Copies one exchange for analysis while it is proxied: the heads by reference (they are not
 * changed after the exchange ends) and the first {@code maxBodyBytes} of each body. When the exchange
 * ends the I/O thread {@link #seal seals} it (converts the heads), and the capture thread makes the
 * {@link Exchange} (see {@link CaptureQueue}).
 */
final class ExchangeRecorder {
    private final Instant startedAt;
    private final long startNanos;
    private HttpRequest request;
    /** The request line's parts, as the detectors saw them (the target split at its first '?'). */
    private final String method;

    private final String path;
    private final String query;
    private final String scheme;
    /** The request's host and port, as its route was chosen by (see {@link RouteTable#hostOnly}). */
    private final String host;

    private final int port;
    private final String clientAddress;
    private final int maxBodyBytes;
    private byte[] requestBody = EMPTY;
    private int requestLength;
    private byte[] responseBody = EMPTY;
    private int responseLength;
    private HttpResponse response;
    private long durationMicros;
    private List<String> requestDrop;
    private List<Header> requestExtra;
    private List<String> responseDrop;
    private List<Header> responseExtra;

    private static final byte[] EMPTY = new byte[0];

    ExchangeRecorder(
            Instant startedAt,
            long startNanos,
            HttpRequest request,
            RequestHead head,
            String scheme,
            String host,
            int port,
            int maxBodyBytes) {
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.request = request;
        this.method = head.method();
        this.path = head.path();
        this.query = head.rawQuery();
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.clientAddress = head.sourceAddress();
        this.maxBodyBytes = maxBodyBytes;
    }

    void appendRequest(ByteBuf content) {
        int n = Math.min(content.readableBytes(), maxBodyBytes - requestLength);
        if (n > 0) {
            requestBody = ensure(requestBody, requestLength + n);
            content.getBytes(content.readerIndex(), requestBody, requestLength, n);
            requestLength += n;
        }
    }

    void appendResponse(ByteBuf content) {
        int n = Math.min(content.readableBytes(), maxBodyBytes - responseLength);
        if (n > 0) {
            responseBody = ensure(responseBody, responseLength + n);
            content.getBytes(content.readerIndex(), responseBody, responseLength, n);
            responseLength += n;
        }
    }

    void response(HttpResponse head) {
        this.response = head;
    }

    /**
     * The request head went on copied from its bytes: without the header lines named in {@code drop}
     * (lower case) and with {@code extra} added (the lines {@link #headerLines} read). The capture
     * records that forwarded view, as it does for a head the guard re-encoded after editing it.
     */
    void requestForwardedAs(List<String> drop, List<Header> extra) {
        this.requestDrop = drop;
        this.requestExtra = extra;
    }

    /** As {@link #requestForwardedAs}, for the response head. */
    void responseForwardedAs(List<String> drop, List<Header> extra) {
        this.responseDrop = drop;
        this.responseExtra = extra;
    }

    void complete(long endNanos) {
        durationMicros = Math.max(0, (endNanos - startNanos) / 1000);
    }

    byte[] requestBody() {
        return requestBody;
    }

    int requestLength() {
        return requestLength;
    }

    private byte[] ensure(byte[] a, int needed) {
        if (a.length >= needed) {
            return a;
        }
        // The first piece is often the whole body (a small fixed-length one): it gets an exact fit;
        // later pieces grow the copy geometrically.
        int size = a.length == 0 ? needed : Math.min(maxBodyBytes, Math.max(needed, a.length * 2));
        return Arrays.copyOf(a, size);
    }

    // The heads in the traffic model, set by seal() on the I/O thread. The queue hand-off publishes
    // them to the capture thread.
    private List<Header> requestHeaders;
    private int status;
    private List<Header> responseHeaders;
    private boolean requestText;
    private boolean responseText;

    /**
     * Converts the heads to the traffic model on the I/O thread, while they are in its core's cache,
     * and lets go of the decoded heads. {@code names} maps header names to shared Strings; each I/O
     * thread has its own, and it grows to at most {@link #MAX_NAMES} entries, so each exchange does
     * not allocate a String per header name. The bodies stay bytes until {@link #toExchange}.
     */
    void seal(Map<AsciiString, String> names) {
        requestHeaders = forwarded(request.headers(), names, requestDrop, requestExtra);
        requestText = requestLength > 0 && textual(requestHeaders);
        if (response != null) {
            status = response.status().code();
            responseHeaders = forwarded(response.headers(), names, responseDrop, responseExtra);
            responseText = responseLength > 0 && textual(responseHeaders);
        }
        request = null;
        response = null;
        requestExtra = null;
        responseExtra = null;
    }

    /** The exchange in the traffic model, once {@link #seal sealed}; decodes the bodies' text. */
    Exchange toExchange() {
        Exchange.Request req = new Exchange.Request(
                method,
                scheme,
                host.isEmpty() ? "unknown" : host,
                port,
                path,
                query,
                requestHeaders,
                text(requestText, requestBody, requestLength));
        Optional<Exchange.Response> resp = responseHeaders == null
                ? Optional.empty()
                : Optional.of(new Exchange.Response(
                        status, responseHeaders, text(responseText, responseBody, responseLength)));
        return new Exchange(startedAt, durationMicros, req, resp, "guard", clientAddress);
    }

    /**
     * The fields of {@code h} as forwarded: without those named in {@code drop} (when the head went on
     * as bytes; null otherwise) and with {@code extra} after them. Immutable, so the traffic model's
     * records take the list as it is (List.copyOf) rather than copying it on the capture thread.
     */
    private static List<Header> forwarded(
            HttpHeaders h, Map<AsciiString, String> names, List<String> drop, List<Header> extra) {
        int extraCount = drop == null ? 0 : extra.size();
        // The lengths of the dropped names (63 and up share a bit): most fields are compared with none.
        long lengths = 0;
        for (int i = 0; drop != null && i < drop.size(); i++) {
            lengths |= 1L << Math.min(63, drop.get(i).length());
        }
        Header[] out = new Header[h.size() + extraCount];
        int n = 0;
        Iterator<Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            String name = name(e.getKey(), names);
            if ((lengths & (1L << Math.min(63, name.length()))) == 0 || !HeadWriter.containsIgnoreCase(drop, name)) {
                out[n++] = new Header(name, e.getValue().toString());
            }
        }
        for (int i = 0; i < extraCount; i++) {
            out[n++] = extra.get(i);
        }
        return List.of(n == out.length ? out : Arrays.copyOf(out, n));
    }

    /** The header fields of {@code lines} ("Name: value" lines, each ending in CRLF). */
    static List<Header> headerLines(byte[] lines) {
        List<Header> out = new ArrayList<>(4);
        int from = 0;
        while (from < lines.length) {
            int end = from;
            while (end < lines.length && lines[end] != '\r') {
                end++;
            }
            int colon = from;
            while (colon < end && lines[colon] != ':') {
                colon++;
            }
            if (colon > from && colon < end) {
                out.add(new Header(
                        new String(lines, from, colon - from, StandardCharsets.ISO_8859_1),
                        new String(lines, colon + 1, end - colon - 1, StandardCharsets.ISO_8859_1).trim()));
            }
            from = end + 2;
        }
        return List.copyOf(out);
    }

    /** The port of a Host header value, or 0 when it names none. */
    static int portOf(String hostHeader) {
        int bracket = hostHeader.lastIndexOf(']');
        int colon = hostHeader.lastIndexOf(':');
        if (colon > bracket && colon < hostHeader.length() - 1) {
            try {
                return Integer.parseInt(hostHeader.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    static final int MAX_NAMES = 512;

    private static String name(CharSequence name, Map<AsciiString, String> names) {
        if (!(name instanceof AsciiString ascii)) {
            return name.toString();
        }
        String s = names.get(ascii);
        if (s == null) {
            s = ascii.toString();
            if (names.size() < MAX_NAMES) {
                names.put(ascii, s);
            }
        }
        return s;
    }

    /** Bodies are text in the traffic model; binary media types are carried as empty strings. */
    private static boolean textual(List<Header> headers) {
        String media = Exchange.Headers.mediaType(headers).toLowerCase(Locale.ROOT);
        return media.isEmpty()
                || media.startsWith("text/")
                || media.endsWith("json")
                || media.endsWith("+json")
                || media.endsWith("xml")
                || media.equals("application/x-www-form-urlencoded")
                || media.equals("application/graphql")
                || media.equals("application/javascript");
    }

    private static String text(boolean textual, byte[] body, int length) {
        return textual ? new String(body, 0, length, StandardCharsets.UTF_8) : "";
    }
}
