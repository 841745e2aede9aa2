package dev.vigil.guard;

import dev.vigil.guard.detect.RequestHead;
import dev.vigil.guard.policy.Admission;
import dev.vigil.traffic.Header;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One client connection. Requests are handled one at a time in arrival order; pipelined requests
 * wait in a backlog (and reading pauses) until the response before them is complete.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    private final ProxyContext shared;
    private final String scheme;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>(2);
    private Channel client;
    private ChannelHandlerContext clientOut;
    private String clientIp = "";
    private ForwardedHeaders.Client forwardedClient;
    /** The forwarding header lines last built on this connection, and the Host they were built for. */
    private byte[] forwardedLines;

    private String forwardedFor;
    /** {@link #forwardedLines} as header fields for capture, read from them when first needed. */
    private List<Header> forwardedFields;

    /** The Host header last read on this connection (it rarely changes), and its host and port. */
    private String hostHeaderSeen;

    private String hostSeen = "";
    private int portSeen;

    private Codecs.ResponseEncoder responseEncoder;
    private HeadTimer headTimer;
    private ScheduledFuture<?> responseTimer;
    private ProxiedExchange current;
    private GuardConfig.Route route;
    private boolean discardUntilLast;
    private boolean closing;
    /** Set while a refused request's remaining body is read and dropped before the close. */
    private ChannelFuture refusalWritten;

    private long drainBudget;
    private ScheduledFuture<?> drainTimer;
    /**
     * The most of a refused request's remaining body read (and dropped) before the connection is
     * closed anyway. Closing a socket with unread data makes the kernel answer with a reset, which can
     * destroy the refusal before the client reads it; reading the rest lets the client finish sending
     * and then see the status. The bound keeps a refused client from using the guard as a sink.
     */
    static final long DRAIN_LIMIT_BYTES = 8L * 1024 * 1024;

    /** The longest a refused request's remaining body is waited for. */
    static final long DRAIN_TIMEOUT_MILLIS = 3_000;

    FrontendHandler(ProxyContext shared, String scheme) {
        this.shared = shared;
        this.scheme = scheme;
    }

    GuardConfig.Route route() {
        return route;
    }

    /** Where wire-form bytes for the client are written (see {@link Wire}). */
    ChannelHandlerContext clientOut() {
        return clientOut;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ctx.channel();
        if (client.remoteAddress() instanceof InetSocketAddress isa && isa.getAddress() != null) {
            forwardedClient = ForwardedHeaders.forClient(isa.getAddress());
            clientIp = forwardedClient.ip();
        }
        headTimer = client.pipeline().get(HeadTimer.class);
        clientOut = Wire.out(client);
        responseEncoder = client.pipeline().get(Codecs.ResponseEncoder.class);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            if (refusalWritten != null) {
                drain(msg);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        if (current != null && current.tunnelling()) {
            current.tunnelToUpstream(msg);
            return;
        }
        if (!backlog.isEmpty() || (current != null && current.requestComplete())) {
            backlog.add(msg);
            updateReading();
            return;
        }
        process(msg);
    }

    private void process(Object msg) {
        if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            malformed(o.decoderResult());
            return;
        }
        if (discardUntilLast) {
            if (msg instanceof LastHttpContent) {
                discardUntilLast = false;
            }
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest req) {
            start(req);
            if (msg instanceof HttpContent c) {
                content(c);
            }
        } else if (msg instanceof HttpContent c) {
            content(c);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void content(HttpContent c) {
        if (current == null) {
            if (!(c instanceof LastHttpContent)) {
                discardUntilLast = true;
            }
            c.release();
            return;
        }
        current.requestContent(c);
        if (c instanceof LastHttpContent) {
            updateReading();
        }
    }

    private void malformed(DecoderResult result) {
        shared.metrics().badRequest();
        if (responseEncoder != null) {
            responseEncoder.headRequest = false;
        }
        if (current != null) {
            // The head was already forwarded; the body is broken, so both connections go.
            current.clientClosed();
            current = null;
            client.close();
            closing = true;
            return;
        }
        respondAndClose(400, "malformed-request", "Malformed HTTP request", 0);
    }

    private void start(HttpRequest req) {
        shared.metrics().request();
        if (responseEncoder != null) {
            // Whatever answers this request (the upstream or the guard) carries no body for HEAD.
            responseEncoder.headRequest = req.method().equals(io.netty.handler.codec.http.HttpMethod.HEAD);
        }
        if (headTimer != null) {
            headTimer.headReceived();
        }
        String uri = req.uri();
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            // Absolute-form (RFC 9112 §3.2.2): its authority replaces Host, origin-form goes upstream.
            try {
                URI u = URI.create(uri);
                if (u.getRawAuthority() != null) {
                    req.headers().set(HttpHeaderNames.HOST, u.getRawAuthority());
                }
                String raw = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
                req.setUri(raw);
                uri = raw;
                if (req instanceof Codecs.Request r) {
                    // The bytes received show the old target and Host: this head must be re-encoded.
                    r.forgetRaw();
                }
            } catch (IllegalArgumentException e) {
                respondAndClose(400, "malformed-request", "Malformed request target", 0);
                return;
            }
        }
        if (!uri.startsWith("/") && !"*".equals(uri)) {
            respondAndClose(400, "malformed-request", "Malformed request target", 0);
            return;
        }
        String hostHeader = req.headers().get(HttpHeaderNames.HOST);
        if (hostHeader == null && req.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            respondAndClose(400, "missing-host", "Missing Host header", 0);
            return;
        }
        if (hostHeader != null && hostCount(req) > 1) {
            respondAndClose(400, "malformed-request", "Duplicate Host header", 0);
            return;
        }
        int q = uri.indexOf('?');
        String path = q >= 0 ? uri.substring(0, q) : uri;
        String query = q >= 0 ? uri.substring(q + 1) : "";
        readHost(hostHeader);
        GuardConfig.Route r = shared.routes().matchHost(hostSeen, path);
        if (r == null) {
            respondAndClose(404, "no-route", "No route for this host and path", 0);
            return;
        }
        route = r;
        RequestHead head =
                new RequestHead(r.name(), req.method().name(), path, query, clientIp, new HeadersView(req.headers()));
        Admission admission;
        try {
            admission = shared.gate().admit(head);
        } catch (RuntimeException e) {
            shared.metrics().analysisError();
            admission = shared.gate().onAnalysisFailure(r.name());
        }
        switch (admission) {
            case Admission.Forward f -> forward(req, head);
            case Admission.Refuse refuse -> refuse(refuse, !(req instanceof LastHttpContent));
        }
    }

    /** Reads the host and port from {@code hostHeader} unless it is the one read last on this connection. */
    private void readHost(String hostHeader) {
        if (!java.util.Objects.equals(hostHeader, hostHeaderSeen)) {
            hostHeaderSeen = hostHeader;
            hostSeen = RouteTable.hostOnly(hostHeader);
            portSeen = ExchangeRecorder.portOf(hostHeader == null ? "" : hostHeader);
        }
    }

    /**
     * The Content-Length the request declares, or -1. Not {@link HttpUtil#getContentLength}, which
     * gives an old-style WebSocket handshake (Sec-WebSocket-Key1/Key2) an implied 8-byte body that no
     * upstream reads as one.
     */
    static long declaredLength(HttpRequest req) {
        String value = req.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int hostCount(HttpRequest req) {
        int n = 0;
        for (java.util.Iterator<String> it = req.headers().valueStringIterator(HttpHeaderNames.HOST); it.hasNext(); ) {
            it.next();
            n++;
        }
        return n;
    }

    private void forward(HttpRequest req, RequestHead head) {
        ExchangeRecorder recorder = null;
        CaptureQueue capture = shared.capture();
        if (capture != null) {
            if (capture.hasRoom()) {
                recorder = new ExchangeRecorder(
                        shared.clock().instant(),
                        System.nanoTime(),
                        req,
                        head,
                        scheme,
                        hostSeen,
                        portSeen,
                        shared.config().capture().maxBodyBytes());
            } else {
                shared.metrics().shed();
            }
        }
        boolean upgrade = HopByHop.isWebSocketUpgrade(req.headers());
        long contentLength = declaredLength(req);
        boolean chunked = HttpUtil.isTransferEncodingChunked(req);
        boolean hold = false;
        if (contentLength > 0 && !chunked) {
            try {
                hold = contentLength <= shared.gate().bodyInspectionLimit(head);
            } catch (RuntimeException e) {
                shared.metrics().analysisError();
            }
        }
        boolean inviteBody = hold && HttpUtil.is100ContinueExpected(req);
        HeadWriter.Plan wireHead = upgrade ? null : wireHead(req, inviteBody, recorder);
        // Read before the re-encoding path below removes the Connection header and sets HTTP/1.1.
        boolean http10 = req.protocolVersion().equals(HttpVersion.HTTP_1_0);
        boolean keepAlive = HttpUtil.isKeepAlive(req) && !http10;
        if (wireHead == null) {
            HopByHop.strip(req.headers());
            if (upgrade) {
                // The one protocol switch the guard follows: it relays the WebSocket bytes unchanged.
                req.headers().set(HttpHeaderNames.CONNECTION, "Upgrade").set(HttpHeaderNames.UPGRADE, "websocket");
            }
            ForwardedHeaders.apply(
                    req.headers(), forwardedClient, scheme, shared.config().trustForwardedHeaders());
            req.setProtocolVersion(HttpVersion.HTTP_1_1);
            if (inviteBody) {
                req.headers().remove(HttpHeaderNames.EXPECT);
            }
        }
        current = new ProxiedExchange(
                this,
                shared,
                client,
                req,
                head,
                recorder,
                upgrade,
                hold,
                wireHead,
                http10,
                keepAlive,
                chunked,
                contentLength);
        if (!hold) {
            current.connect();
        } else if (inviteBody) {
            // The body is needed before anything goes upstream, so the guard itself invites it.
            client.writeAndFlush(new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE, Unpooled.EMPTY_BUFFER));
        }
        updateReading();
    }

    /**
     * The head to send upstream built from the bytes the client sent (see {@link HeadWriter}), or null
     * when the decoded head must be re-encoded: it arrived in pieces, is not HTTP/1.1 or had its target
     * rewritten.
     */
    private HeadWriter.Plan wireHead(HttpRequest req, boolean dropExpect, ExchangeRecorder recorder) {
        if (!(req instanceof Codecs.Request r)
                || r.raw() == null
                || req.protocolVersion() != HttpVersion.HTTP_1_1
                || !HeadWriter.requestLineIs(r.raw(), req.method().name(), req.uri())) {
            // Netty also splits a request line on tabs and runs of blanks: such a line is rebuilt.
            return null;
        }
        boolean trust = shared.config().trustForwardedHeaders();
        List<String> drop = HeadWriter.dropNames(req.headers(), trust ? DROP_TRUSTING : DROP);
        if (dropExpect) {
            drop = new ArrayList<>(drop);
            drop.add("expect");
        }
        byte[] extra;
        List<Header> extraFields = null;
        if (trust) {
            extra = ForwardedHeaders.lines(req.headers(), forwardedClient, scheme, true);
        } else {
            // Without trusted incoming values the lines depend only on the Host, which rarely changes on
            // a connection: they are reused (and read for capture once) while it stays the same.
            String host = hostHeaderSeen;
            if (forwardedLines == null || !java.util.Objects.equals(host, forwardedFor)) {
                forwardedLines = ForwardedHeaders.lines(req.headers(), forwardedClient, scheme, false);
                forwardedFor = host;
                forwardedFields = null;
            }
            extra = forwardedLines;
            if (recorder != null && forwardedFields == null) {
                forwardedFields = ExchangeRecorder.headerLines(extra);
            }
            extraFields = forwardedFields;
        }
        HeadWriter.Plan head = HeadWriter.plan(r.raw(), r.lines(), req.headers().size(), drop, extra);
        if (head != null && recorder != null) {
            recorder.requestForwardedAs(drop, extraFields != null ? extraFields : ExchangeRecorder.headerLines(extra));
        }
        return head;
    }

    private static final List<String> DROP = HeadWriter.dropList(ForwardedHeaders.REPLACED.toArray(String[]::new));
    private static final List<String> DROP_TRUSTING =
            HeadWriter.dropList(ForwardedHeaders.REPLACED_TRUSTING.toArray(String[]::new));

    /**
     * Makes sure the exchange in progress is checked by {@code deadlineNanos}. One timer per
     * connection: when it fires it fails the exchange if its deadline passed, or re-arms for the
     * current deadline, so back-to-back requests on a keep-alive connection schedule nothing.
     */
    void armResponseTimer(long deadlineNanos) {
        if (responseTimer == null && !closing) {
            long delay = Math.max(0, deadlineNanos - System.nanoTime());
            responseTimer = client.eventLoop().schedule(this::responseTimerFired, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void responseTimerFired() {
        responseTimer = null;
        ProxiedExchange ex = current;
        long deadline = ex == null ? 0 : ex.responseDeadline();
        if (deadline == 0) {
            return;
        }
        if (deadline - System.nanoTime() <= 0) {
            ex.responseTimedOut();
        } else {
            armResponseTimer(deadline);
        }
    }

    /** Reads only while the request in progress can flow upstream and nothing waits in the backlog. */
    void updateReading() {
        if (client == null || closing) {
            return;
        }
        boolean read = backlog.isEmpty() && (current == null || current.acceptsRequestBytes());
        if (client.config().isAutoRead() != read) {
            client.config().setAutoRead(read);
        }
    }

    void exchangeDone(ProxiedExchange ex, boolean keepAlive) {
        if (ex != current) {
            return;
        }
        boolean bodyPending = !ex.requestComplete();
        current = null;
        if (!keepAlive) {
            closing = true;
            releaseBacklog();
            client.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (bodyPending) {
            discardUntilLast = true;
        }
        if (headTimer != null) {
            // Harmless once a protocol switch removed the timer: it no longer sees reads.
            headTimer.awaitNext();
        }
        drainBacklog();
    }

    /** The gate refused a request after seeing its body; nothing was sent upstream. */
    void refused(ProxiedExchange ex, Admission.Refuse r) {
        if (ex != current) {
            return;
        }
        current = null;
        refuse(r, !ex.requestComplete());
    }

    /**
     * Answers a refusal and closes the connection. When the request's body is still arriving, the rest
     * is read and dropped first (bounded by {@link #DRAIN_LIMIT_BYTES} and {@link
     * #DRAIN_TIMEOUT_MILLIS}), so the client can finish sending and read the refusal rather than
     * lose it to a reset. Nothing of it goes upstream.
     */
    private void refuse(Admission.Refuse r, boolean bodyPending) {
        answerAndClose(r.status(), r.type(), r.title(), r.retryAfterSeconds(), bodyPending);
    }

    /**
     * Like {@link #refuse}, for any problem the guard answers in place of the upstream (an
     * unreachable or timed-out upstream while the client is still sending, too).
     */
    private void answerAndClose(int status, String type, String title, long retryAfter, boolean bodyPending) {
        if (!bodyPending) {
            respondAndClose(status, type, title, retryAfter);
            return;
        }
        closing = true;
        refusalWritten =
                client.writeAndFlush(Problems.response(client.alloc(), status, type, title, title + ".", retryAfter));
        drainBudget = DRAIN_LIMIT_BYTES;
        drainTimer = client.eventLoop().schedule(this::endDrain, DRAIN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        Object o;
        while (refusalWritten != null && (o = backlog.poll()) != null) {
            drain(o);
        }
        releaseBacklog();
        if (refusalWritten != null) {
            client.config().setAutoRead(true);
        }
    }

    /** Drops one message of a refused request's remaining body; its end, or the budget, ends the drain. */
    private void drain(Object msg) {
        boolean last = msg instanceof LastHttpContent
                || (msg instanceof HttpObject o && o.decoderResult().isFailure());
        if (msg instanceof HttpContent c) {
            drainBudget -= c.content().readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (last || drainBudget < 0) {
            endDrain();
        }
    }

    private void endDrain() {
        ChannelFuture written = refusalWritten;
        if (written == null) {
            return;
        }
        refusalWritten = null;
        if (drainTimer != null) {
            drainTimer.cancel(false);
            drainTimer = null;
        }
        client.config().setAutoRead(false);
        written.addListener(ChannelFutureListener.CLOSE);
    }

    void exchangeFailed(ProxiedExchange ex, int status, String type, String title) {
        if (ex != current) {
            return;
        }
        current = null;
        if (status == 0) {
            closing = true;
            releaseBacklog();
            client.close();
            return;
        }
        answerAndClose(status, type, title, 0, !ex.requestComplete());
    }

    private void drainBacklog() {
        while (!backlog.isEmpty() && !closing) {
            if (current != null && current.requestComplete()) {
                break;
            }
            process(backlog.poll());
        }
        updateReading();
    }

    private void releaseBacklog() {
        Object o;
        while ((o = backlog.poll()) != null) {
            ReferenceCountUtil.release(o);
        }
    }

    private void respondAndClose(int status, String type, String title, long retryAfter) {
        closing = true;
        releaseBacklog();
        client.config().setAutoRead(false);
        client.writeAndFlush(Problems.response(client.alloc(), status, type, title, title + ".", retryAfter))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (current != null) {
            current.flushUpstream();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.clientWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && current == null) {
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        if (drainTimer != null) {
            drainTimer.cancel(false);
            drainTimer = null;
        }
        refusalWritten = null;
        if (responseTimer != null) {
            responseTimer.cancel(false);
            responseTimer = null;
        }
        if (current != null) {
            current.clientClosed();
            current = null;
        }
        releaseBacklog();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Client resets and I/O errors end the connection; there is no one left to answer.
        ctx.close();
    }
}
