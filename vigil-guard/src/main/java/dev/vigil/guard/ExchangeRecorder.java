package dev.vigil.guard;

import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.Header;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
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
 * changed after the exchange ends) and the first {@code maxBodyBytes} of each body. Converted to an
 * {@link Exchange} later, on the capture thread, so the I/O thread only copies bytes.
 */
final class ExchangeRecorder {
    private final Instant startedAt;
    private final long startNanos;
    private final HttpRequest request;
    private final String scheme;
    private final String clientAddress;
    private final int maxBodyBytes;
    private byte[] requestBody = EMPTY;
    private int requestLength;
    private byte[] responseBody = EMPTY;
    private int responseLength;
    private HttpResponse response;
    private long durationMicros;
    private List<String> requestDrop;
    private byte[] requestExtra;
    private List<String> responseDrop;
    private byte[] responseExtra;

    private static final byte[] EMPTY = new byte[0];

    ExchangeRecorder(
            Instant startedAt,
            long startNanos,
            HttpRequest request,
            String scheme,
            String clientAddress,
            int maxBodyBytes) {
        this.startedAt = startedAt;
        this.startNanos = startNanos;
        this.request = request;
        this.scheme = scheme;
        this.clientAddress = clientAddress;
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
     * (lower case) and with {@code extra} ("Name: value" lines) added. The capture records that
     * forwarded view, as it does for a head the guard re-encoded after editing it.
     */
    void requestForwardedAs(List<String> drop, byte[] extra) {
        this.requestDrop = drop;
        this.requestExtra = extra;
    }

    /** As {@link #requestForwardedAs}, for the response head. */
    void responseForwardedAs(List<String> drop, byte[] extra) {
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

    /**
     * The exchange in the traffic model. {@code names} maps header names to shared Strings; it is
     * owned by the one thread that converts (the capture thread) and grows to at most {@link
     * #MAX_NAMES} entries, so each exchange does not allocate a String per header name.
     */
    Exchange toExchange(Map<AsciiString, String> names) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q >= 0 ? uri.substring(0, q) : uri;
        String query = q >= 0 ? uri.substring(q + 1) : "";
        String hostHeader = request.headers().get(HttpHeaderNames.HOST, "");
        String host = RouteTable.hostOnly(hostHeader);
        int port = portOf(hostHeader);
        List<Header> reqHeaders = forwarded(headers(request.headers(), names), requestDrop, requestExtra);
        Exchange.Request req = new Exchange.Request(
                request.method().name(),
                scheme,
                host.isEmpty() ? "unknown" : host,
                port,
                path,
                query,
                reqHeaders,
                text(reqHeaders, requestBody, requestLength));
        Optional<Exchange.Response> resp = Optional.empty();
        if (response != null) {
            List<Header> respHeaders = forwarded(headers(response.headers(), names), responseDrop, responseExtra);
            resp = Optional.of(new Exchange.Response(
                    response.status().code(), respHeaders, text(respHeaders, responseBody, responseLength)));
        }
        return new Exchange(startedAt, durationMicros, req, resp, "guard", clientAddress);
    }

    private static List<Header> forwarded(List<Header> received, List<String> drop, byte[] extra) {
        if (drop == null) {
            return received;
        }
        List<Header> out = new ArrayList<>(received.size() + 4);
        for (Header h : received) {
            if (!HeadWriter.containsIgnoreCase(drop, h.name())) {
                out.add(h);
            }
        }
        String lines = new String(extra, StandardCharsets.ISO_8859_1);
        int from = 0;
        int end;
        while ((end = lines.indexOf("\r\n", from)) > 0) {
            int colon = lines.indexOf(':', from);
            if (colon > from && colon < end) {
                out.add(new Header(
                        lines.substring(from, colon),
                        lines.substring(colon + 1, end).trim()));
            }
            from = end + 2;
        }
        return out;
    }

    private static int portOf(String hostHeader) {
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

    private static List<Header> headers(HttpHeaders h, Map<AsciiString, String> names) {
        List<Header> out = new ArrayList<>(h.size());
        Iterator<Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence();
        while (it.hasNext()) {
            Map.Entry<CharSequence, CharSequence> e = it.next();
            out.add(new Header(name(e.getKey(), names), e.getValue().toString()));
        }
        return out;
    }

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
    private static String text(List<Header> headers, byte[] body, int length) {
        if (length == 0) {
            return "";
        }
        String media = Exchange.Headers.mediaType(headers).toLowerCase(Locale.ROOT);
        boolean textual = media.isEmpty()
                || media.startsWith("text/")
                || media.endsWith("json")
                || media.endsWith("+json")
                || media.endsWith("xml")
                || media.equals("application/x-www-form-urlencoded")
                || media.equals("application/graphql")
                || media.equals("application/javascript");
        return textual ? new String(body, 0, length, StandardCharsets.UTF_8) : "";
    }
}
