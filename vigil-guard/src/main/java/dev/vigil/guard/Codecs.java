package dev.vigil.guard;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;

/**
 * The HTTP/1.1 codecs of both connections. Netty's decoders parse and validate every head; these
 * subclasses also keep a copy of the head's bytes as they arrived ({@link Head#raw}), so a head the
 * guard forwards unchanged but for a few header lines is copied rather than re-encoded (see {@link
 * HeadWriter}). Messages the guard changes more than that still go through Netty's encoders.
 */
final class Codecs {
    static final String WIRE = "wire";
    static final String DECODER = "http-decoder";
    static final String ENCODER = "http-encoder";

    private Codecs() {}

    /** A decoded head and, when it arrived whole in one read, its bytes as received. */
    interface Head {
        /** The head's bytes from the start line to the blank line, or null when not kept. */
        byte[] raw();
    }

    /**
     * The decoders' limits, with {@code maxHeaderSize} for the head. RFC 9112 framing is set, not
     * left to Netty's process-wide default: a message framed both by Content-Length and chunked
     * (request smuggling), or whose Transfer-Encoding a request cannot be framed by, is refused.
     */
    static HttpDecoderConfig decoderConfig(int maxHeaderSize) {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(8192)
                .setMaxHeaderSize(maxHeaderSize)
                .setMaxChunkSize(65536)
                .setUseRfc9112TransferEncoding(true);
    }

    /** Client side: decodes requests, encodes the responses the guard builds or changes. */
    static void client(ChannelPipeline p, HttpDecoderConfig config) {
        p.addLast(WIRE, Wire.Entry.INSTANCE)
                .addLast(DECODER, new RequestDecoder(config))
                .addLast(ENCODER, new ResponseEncoder());
    }

    /** Upstream side: encodes the requests the guard changes, decodes responses. */
    static ResponseDecoder upstream(ChannelPipeline p, HttpDecoderConfig config) {
        ResponseDecoder decoder = new ResponseDecoder(config);
        p.addLast(WIRE, Wire.Entry.INSTANCE).addLast(DECODER, decoder).addLast(ENCODER, new HttpRequestEncoder());
        return decoder;
    }

    /** After a protocol switch: the connection relays bytes; what the decoder held is passed on. */
    static void remove(ChannelPipeline p) {
        if (p.get(DECODER) != null) {
            p.remove(DECODER);
        }
        if (p.get(ENCODER) != null) {
            p.remove(ENCODER);
        }
    }

    /** HTTP/1.1 or HTTP/1.0 exactly as written on the wire; null for anything else. */
    private static HttpVersion plainVersion(String text) {
        if ("HTTP/1.1".equals(text)) {
            return HttpVersion.HTTP_1_1;
        }
        return "HTTP/1.0".equals(text) ? HttpVersion.HTTP_1_0 : null;
    }

    private static byte[] copy(ByteBuf buffer, int from, int to) {
        byte[] bytes = new byte[to - from];
        buffer.getBytes(from, bytes);
        return bytes;
    }

    static final class Request extends DefaultHttpRequest implements Head {
        private byte[] raw;

        Request(HttpVersion version, HttpMethod method, String uri, HttpHeadersFactory headers) {
            super(version, method, uri, headers);
        }

        @Override
        public byte[] raw() {
            return raw;
        }

        /** The guard changed the decoded head in a way the raw bytes do not show. */
        void forgetRaw() {
            raw = null;
        }
    }

    static final class Response extends DefaultHttpResponse implements Head {
        private byte[] raw;

        Response(HttpVersion version, HttpResponseStatus status, HttpHeadersFactory headers) {
            super(version, status, headers);
        }

        @Override
        public byte[] raw() {
            return raw;
        }
    }

    /**
     * Keeps the bytes of a head that one {@code decode} call parsed from its first byte. Netty's decoder
     * returns right after emitting a head, so the bytes consumed in that call are exactly the head (and
     * any control characters skipped before it); a head split over reads is not kept.
     */
    private static final class HeadKeeper {
        private boolean atMessageStart = true;

        int before(ByteBuf buffer) {
            return atMessageStart ? buffer.readerIndex() : -1;
        }

        void after(ByteBuf buffer, int start, List<Object> out, int firstNew) {
            int consumed = start < 0 ? 0 : buffer.readerIndex() - start;
            boolean emitted = false;
            for (int i = firstNew; i < out.size(); i++) {
                Object o = out.get(i);
                if (o instanceof HttpMessage m) {
                    emitted = true;
                    atMessageStart = false;
                    if (start >= 0 && m.decoderResult().isSuccess() && consumed > 0) {
                        byte[] raw = copy(buffer, start, buffer.readerIndex());
                        if (m instanceof Request r) {
                            r.raw = raw;
                        } else if (m instanceof Response r) {
                            r.raw = raw;
                        }
                    }
                }
                if (o instanceof LastHttpContent) {
                    atMessageStart = true;
                }
            }
            if (!emitted && start >= 0 && consumed > 0 && firstNew == out.size()) {
                atMessageStart = false;
            }
        }
    }

    static final class RequestDecoder extends HttpRequestDecoder {
        private final HeadKeeper keeper = new HeadKeeper();

        RequestDecoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            int start = keeper.before(buffer);
            int firstNew = out.size();
            super.decode(ctx, buffer, out);
            keeper.after(buffer, start, out, firstNew);
        }

        @Override
        protected HttpMessage createMessage(String[] initialLine) throws Exception {
            HttpVersion version = plainVersion(initialLine[2]);
            if (version == null) {
                // Netty's strict version parsing decides; such a head is re-encoded, not copied.
                return super.createMessage(initialLine);
            }
            return new Request(version, HttpMethod.valueOf(initialLine[0]), initialLine[1], headersFactory);
        }

        /**
         * A request without Content-Length or Transfer-Encoding has no body (RFC 9112 §6.3). Netty
         * would otherwise read 8 bytes after an old-style WebSocket handshake (Sec-WebSocket-Key1
         * and Key2) as its body: an upstream reads them as the start of the next request, so a
         * client could smuggle a request past the guard's checks.
         */
        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage msg) {
            HttpHeaders h = msg.headers();
            return !h.contains(HttpHeaderNames.CONTENT_LENGTH) && !h.contains(HttpHeaderNames.TRANSFER_ENCODING)
                    || super.isContentAlwaysEmpty(msg);
        }
    }

    static final class ResponseDecoder extends HttpResponseDecoder {
        private final HeadKeeper keeper = new HeadKeeper();
        /** Set per exchange: the response answers a HEAD request and has no body whatever it says. */
        boolean headRequest;

        ResponseDecoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            int start = keeper.before(buffer);
            int firstNew = out.size();
            super.decode(ctx, buffer, out);
            keeper.after(buffer, start, out, firstNew);
        }

        @Override
        protected HttpMessage createMessage(String[] initialLine) {
            HttpVersion version = plainVersion(initialLine[0]);
            if (version == null) {
                return super.createMessage(initialLine);
            }
            return new Response(
                    version,
                    HttpResponseStatus.valueOf(Integer.parseInt(initialLine[1]), initialLine[2]),
                    headersFactory);
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpMessage msg) {
            if (((HttpResponse) msg).status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                return super.isContentAlwaysEmpty(msg);
            }
            return headRequest || super.isContentAlwaysEmpty(msg);
        }
    }

    static final class ResponseEncoder extends HttpResponseEncoder {
        /** Set per request: a response to HEAD carries no body even when its head announces one. */
        boolean headRequest;

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            if (msg.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                return super.isContentAlwaysEmpty(msg);
            }
            return headRequest || super.isContentAlwaysEmpty(msg);
        }
    }
}
