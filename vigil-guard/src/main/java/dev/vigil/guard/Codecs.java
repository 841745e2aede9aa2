package dev.vigil.guard;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpExpectationFailedEvent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
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
 * The HTTP/1.1 codecs of both connections. The common head is read by {@link PlainHeads}, which
 * accepts a strict subset of HTTP/1.1 and declines the rest; Netty's decoders parse and validate
 * every other head, and these subclasses also keep a copy of the head's bytes as they arrived
 * ({@link Head#raw}), so a head the guard forwards unchanged but for a few header lines is copied
 * rather than re-encoded (see {@link HeadWriter}). Messages the guard changes more than that still
 * go through Netty's encoders.
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

        /**
         * For a head {@link PlainHeads} read: each header line's start and colon, then the blank
         * line's start, as indexes into {@link #raw}; null otherwise.
         */
        int[] lines();

        /** Keeps {@code raw} as the head's bytes, with {@code lines} when known (else null). */
        void keep(byte[] raw, int[] lines);
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
        private int[] lines;

        Request(HttpVersion version, HttpMethod method, String uri, HttpHeadersFactory headers) {
            super(version, method, uri, headers);
        }

        @Override
        public byte[] raw() {
            return raw;
        }

        @Override
        public int[] lines() {
            return lines;
        }

        @Override
        public void keep(byte[] raw, int[] lines) {
            this.raw = raw;
            this.lines = lines;
        }

        /** The guard changed the decoded head in a way the raw bytes do not show. */
        void forgetRaw() {
            raw = null;
            lines = null;
        }
    }

    static final class Response extends DefaultHttpResponse implements Head {
        private byte[] raw;
        private int[] lines;

        Response(HttpVersion version, HttpResponseStatus status, HttpHeadersFactory headers) {
            super(version, status, headers);
        }

        @Override
        public byte[] raw() {
            return raw;
        }

        @Override
        public int[] lines() {
            return lines;
        }

        @Override
        public void keep(byte[] raw, int[] lines) {
            this.raw = raw;
            this.lines = lines;
        }
    }

    /**
     * Keeps the bytes of a head that one {@code decode} call parsed from its first byte. Netty's decoder
     * returns right after emitting a head, so the bytes consumed in that call are exactly the head (and
     * any control characters skipped before it); a head split over reads is not kept. It also lets
     * {@link PlainHeads} read the heads it can, and streams the bodies of those messages.
     */
    private static final class HeadKeeper {
        /** Null when every head is left to Netty. */
        private final PlainHeads plain;
        /** The headers of the heads {@link PlainHeads} reads (see {@link PlainHeads#headersFactory}). */
        private final HttpHeadersFactory plainHeaders;

        private final int maxChunkSize;
        private boolean atMessageStart = true;
        /** Set for good once Netty's decoder may be in a state other than waiting for a message. */
        private boolean plainOff;
        /**
         * Netty's decoder was called for the message in progress: it may have moved on from the
         * state it waits for a message in (past leading line ends, for one) without consuming a
         * byte, so it keeps the message to its end.
         */
        private boolean nettyOwns;
        /** Body bytes still to come of a message whose head {@link PlainHeads} read. */
        private long remaining;
        /** Heads {@link PlainHeads} read on this connection. */
        private int plainHeadsRead;

        HeadKeeper(HttpDecoderConfig config, boolean plainHeads) {
            // A head PlainHeads reads is within every limit Netty would enforce, or it is left to Netty.
            boolean withinLimits = config.getMaxInitialLineLength() >= PlainHeads.MAX_LENGTH
                    && config.getMaxHeaderSize() >= PlainHeads.MAX_LENGTH;
            this.plain = plainHeads && withinLimits ? new PlainHeads() : null;
            this.plainHeaders = PlainHeads.headersFactory(config.getHeadersFactory());
            this.maxChunkSize = config.getMaxChunkSize();
        }

        int before(ByteBuf buffer) {
            nettyOwns = true;
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
                    if (start >= 0 && m.decoderResult().isSuccess() && consumed > 0 && m instanceof Head h) {
                        h.keep(copy(buffer, start, buffer.readerIndex()), null);
                    }
                    if (m instanceof HttpResponse r && r.status().code() == 101) {
                        // Netty may now pass the connection's bytes through undecoded.
                        plainOff = true;
                    }
                }
                if (o instanceof HttpObject h && h.decoderResult().isFailure()) {
                    // Netty discards everything after a broken message.
                    plainOff = true;
                }
                if (o instanceof LastHttpContent) {
                    atMessageStart = true;
                    nettyOwns = false;
                }
            }
            if (!emitted && start >= 0 && consumed > 0 && firstNew == out.size()) {
                atMessageStart = false;
            }
        }

        /**
         * Reads what {@link PlainHeads} can at the start of {@code buffer}: more of the body of a
         * message it read, or (when {@code headsAllowed}) a plain request or response head, emitted
         * as Netty's decoder would emit it, returning after it. False when Netty's decoder is to read.
         */
        boolean readPlain(
                ByteBuf buffer, List<Object> out, HttpHeadersFactory trailers, boolean request, boolean headsAllowed) {
            if (plainBody(buffer, out, trailers)) {
                return true;
            }
            if (!headsAllowed || !plainReady()) {
                return false;
            }
            HttpMessage head = request ? plain.request(buffer, plainHeaders) : plain.response(buffer, plainHeaders);
            if (head == null) {
                return false;
            }
            plainHeadsRead++;
            out.add(head);
            long contentLength = plain.contentLength();
            if (contentLength == 0) {
                out.add(LastHttpContent.EMPTY_LAST_CONTENT);
            } else {
                remaining = contentLength;
                atMessageStart = false;
            }
            return true;
        }

        /**
         * Whether the next head may be read by {@link PlainHeads}: it starts a message, and Netty's
         * decoder waits for one too, in the state it starts in (never after a broken message or a
         * protocol switch, nor once it was called for the message in progress).
         */
        private boolean plainReady() {
            return plain != null && !nettyOwns && !plainOff && remaining == 0;
        }

        /**
         * Emits what {@code buffer} holds of the body of a message {@link PlainHeads} read, in
         * pieces of at most {@code maxChunkSize} as Netty's decoder does; false when no such body
         * is being read.
         */
        private boolean plainBody(ByteBuf buffer, List<Object> out, HttpHeadersFactory trailers) {
            if (remaining == 0) {
                return false;
            }
            int toRead = (int) Math.min(Math.min(buffer.readableBytes(), maxChunkSize), remaining);
            if (toRead == 0) {
                return true;
            }
            ByteBuf content = buffer.readRetainedSlice(toRead);
            remaining -= toRead;
            if (remaining == 0) {
                out.add(new DefaultLastHttpContent(content, trailers));
                atMessageStart = true;
            } else {
                out.add(new DefaultHttpContent(content));
            }
            return true;
        }

        /**
         * The connection closed. A body cut short ends without a last piece, as in Netty's decoder
         * (for a request and for a response with a length alike).
         */
        void closed() {
            remaining = 0;
        }

        /**
         * Netty's decoder was told to drop the message in progress and wait for the next one
         * ({@code reset()}, or a refused {@code Expect} while a body is read): so is the body of a
         * message {@link PlainHeads} read.
         */
        void reset() {
            remaining = 0;
        }
    }

    static final class RequestDecoder extends HttpRequestDecoder {
        private final HeadKeeper keeper;

        RequestDecoder(HttpDecoderConfig config) {
            this(config, true);
        }

        /** With {@code plainHeads} false every head is read by Netty's decoder (for tests). */
        RequestDecoder(HttpDecoderConfig config, boolean plainHeads) {
            super(config);
            keeper = new HeadKeeper(config, plainHeads);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            if (keeper.readPlain(buffer, out, trailersFactory, true, true)) {
                return;
            }
            int start = keeper.before(buffer);
            int firstNew = out.size();
            super.decode(ctx, buffer, out);
            keeper.after(buffer, start, out, firstNew);
        }

        @Override
        protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            super.decodeLast(ctx, in, out);
            keeper.closed();
        }

        /** How many heads {@link PlainHeads} read rather than Netty's decoder. */
        int plainHeadsRead() {
            return keeper.plainHeadsRead;
        }

        @Override
        public void reset() {
            keeper.reset();
            super.reset();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof HttpExpectationFailedEvent) {
                keeper.reset();
            }
            super.userEventTriggered(ctx, evt);
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
        private final HeadKeeper keeper;
        /** Set per exchange: the response answers a HEAD request and has no body whatever it says. */
        boolean headRequest;

        ResponseDecoder(HttpDecoderConfig config) {
            this(config, true);
        }

        /** With {@code plainHeads} false every head is read by Netty's decoder (for tests). */
        ResponseDecoder(HttpDecoderConfig config, boolean plainHeads) {
            super(config);
            keeper = new HeadKeeper(config, plainHeads);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
            // A response to HEAD has no body whatever its head says: Netty's decoder reads it.
            if (keeper.readPlain(buffer, out, trailersFactory, false, !headRequest)) {
                return;
            }
            int start = keeper.before(buffer);
            int firstNew = out.size();
            super.decode(ctx, buffer, out);
            keeper.after(buffer, start, out, firstNew);
        }

        @Override
        protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            super.decodeLast(ctx, in, out);
            keeper.closed();
        }

        /** How many heads {@link PlainHeads} read rather than Netty's decoder. */
        int plainHeadsRead() {
            return keeper.plainHeadsRead;
        }

        @Override
        public void reset() {
            keeper.reset();
            super.reset();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof HttpExpectationFailedEvent) {
                keeper.reset();
            }
            super.userEventTriggered(ctx, evt);
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
