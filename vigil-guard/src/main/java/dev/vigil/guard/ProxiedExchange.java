package dev.vigil.guard;

import dev.vigil.guard.detect.RequestHead;
import dev.vigil.guard.policy.Admission;
import dev.vigil.guard.policy.Outcome;
import dev.vigil.traffic.Header;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One request on its way through the guard, from its head to the last byte of its response. Lives
 * entirely on the client connection's I/O thread (the upstream connection shares that thread), so it
 * needs no locking. Bodies stream through as Netty hands them over; nothing is aggregated.
 */
final class ProxiedExchange {
    private final FrontendHandler frontend;
    private final ProxyContext shared;
    private final Channel client;
    /** Where wire-form bytes for the client are written (see {@link Wire}). */
    private final ChannelHandlerContext clientOut;

    private final HttpRequest request;
    private final RequestHead head;
    private final ExchangeRecorder recorder;
    private final boolean clientKeepAlive;
    private final boolean clientHttp10;
    /** Body pieces waiting for the upstream connection (or for the held body's check); made when needed. */
    private ArrayDeque<HttpContent> pending;

    private Channel upstream;
    private UpstreamHandler link;
    private long responseDeadline;
    private boolean requestComplete;
    private boolean responseHeadForwarded;
    private boolean informational;
    private boolean upstreamKeepAlive;
    private boolean keepClientAlive;
    private boolean finished;
    private boolean reusedConnection;
    private boolean retried;
    /** Written upstream and not flushed yet: the client's read-complete flushes it (see {@link #flushUpstream}). */
    private boolean upstreamUnflushed;

    /** Something of the response arrived: the upstream read the request, so it is never sent again. */
    private boolean responseStarted;

    private final boolean bodyless;
    private final boolean upgradeRequested;
    private final boolean holdBody;
    private boolean bodyChecked;
    private boolean switching;
    private boolean tunnel;
    private int status;
    private long responseBytes;
    private final BodyInspector inspector;
    /**
     * The request head as forwarded, copied from the client's bytes into the upstream's buffer each
     * time it is sent (a retry sends it again); null when it is re-encoded.
     */
    private final HeadWriter.Plan wireHead;

    private final boolean requestChunked;
    private final boolean headRequest;
    /** The response head went to the client as bytes ({@link Wire}); its body follows the same way. */
    private boolean wireResponse;

    private boolean responseChunked;
    private boolean responseBodyless;
    /**
     * A response head held back until its body's first piece arrives, so that a small body goes out
     * in the same buffer: one write instead of two. Room for the declared length was allocated with
     * the head. Written by the next body piece or the read-complete flush, whichever comes first.
     */
    private ByteBuf heldHead;
    /** The bytes of body room allocated with the response head (0: none, the head is not held). */
    private int bodyRoom;

    ProxiedExchange(
            FrontendHandler frontend,
            ProxyContext shared,
            Channel client,
            HttpRequest request,
            RequestHead head,
            ExchangeRecorder recorder,
            boolean upgradeRequested,
            boolean holdBody,
            HeadWriter.Plan wireHead,
            boolean clientHttp10,
            boolean clientKeepAlive,
            boolean requestChunked,
            long declaredLength) {
        this.upgradeRequested = upgradeRequested;
        this.holdBody = holdBody;
        this.frontend = frontend;
        this.shared = shared;
        this.client = client;
        this.clientOut = frontend.clientOut();
        this.request = request;
        this.head = head;
        this.recorder = recorder;
        this.clientHttp10 = clientHttp10;
        this.clientKeepAlive = clientKeepAlive;
        this.keepClientAlive = clientKeepAlive;
        this.wireHead = wireHead;
        this.requestChunked = requestChunked;
        this.headRequest = request.method().equals(HttpMethod.HEAD);
        this.bodyless = !requestChunked && declaredLength <= 0;
        this.inspector = holdBody || bodyless || upgradeRequested
                ? null
                : BodyInspector.of(shared.gate(), head, shared.metrics());
    }

    boolean requestComplete() {
        return requestComplete;
    }

    /** Whether the client side may be read: the upstream can take more of the request body. */
    boolean acceptsRequestBytes() {
        if (tunnel) {
            return upstream.isWritable();
        }
        if (holdBody && upstream == null) {
            // Held bodies are small (the Content-Length was checked), so keep reading them in.
            return true;
        }
        return requestComplete || (upstream != null && upstream.isWritable());
    }

    /** Whether the connection pair has switched protocols and now relays raw bytes. */
    boolean tunnelling() {
        return tunnel;
    }

    /** Raw bytes from the client after a protocol switch. */
    void tunnelToUpstream(Object msg) {
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf b) {
            link.out.write(b);
        } else {
            upstream.write(msg);
        }
        upstreamUnflushed = true;
    }

    // Hot-path writes use the void promise: no promise per message, and a failed write surfaces
    // as exceptionCaught on that channel's handler, which ends the exchange.
    void connect() {
        UpstreamHandler idle = shared.pools().idle(client.eventLoop(), routeOf());
        if (idle != null) {
            attach(idle);
        } else {
            shared.pools().open(client.eventLoop(), routeOf()).addListener((ChannelFutureListener) this::opened);
        }
    }

    private GuardConfig.Route routeOf() {
        return frontend.route();
    }

    private void opened(ChannelFuture f) {
        if (!f.isSuccess()) {
            shared.metrics().upstreamFailure();
            fail(502, "upstream-unreachable", "Upstream unreachable");
            return;
        }
        attach(UpstreamPools.link(f.channel()));
    }

    private void attach(UpstreamHandler connection) {
        if (finished) {
            shared.pools().release(connection, System.nanoTime());
            return;
        }
        Channel ch = connection.channel();
        link = connection;
        upstream = ch;
        reusedConnection = connection.reused;
        connection.exchange = this;
        ch.config().setAutoRead(client.isWritable());
        connection.decoder.headRequest = headRequest;
        if (wireHead != null) {
            connection.out.write(wireHead.write(ch.alloc(), 0), ch.voidPromise());
        } else {
            ch.write(request, ch.voidPromise());
        }
        HttpContent c;
        while (pending != null && (c = pending.poll()) != null) {
            writeUpstream(ch, c);
        }
        if (retried && requestComplete && wireHead == null) {
            // The retried request had no body; its end marker went to the broken connection.
            ch.write(LastHttpContent.EMPTY_LAST_CONTENT, ch.voidPromise());
        }
        ch.flush();
        upstreamUnflushed = false;
        if (requestComplete) {
            startResponseTimer();
        }
        frontend.updateReading();
    }

    void requestContent(HttpContent c) {
        if (inspector != null && !finished) {
            Admission a = inspector.inspect(c.content(), c instanceof LastHttpContent);
            if (a instanceof Admission.Refuse r) {
                // The refusing chunk may be the body's last: then no rest is left to drain.
                requestComplete = c instanceof LastHttpContent;
                c.release();
                abort(r);
                return;
            }
            // bodyChecked stays false: the captured part still gets the after-forwarding checks,
            // which see what a stream check cannot (a raw GraphQL document, an over-long string).
        }
        if (recorder != null) {
            recorder.appendRequest(c.content());
        }
        boolean last = c instanceof LastHttpContent;
        if (finished) {
            c.release();
        } else if (upstream == null) {
            if (pending == null) {
                pending = new ArrayDeque<>(2);
            }
            pending.add(c);
        } else {
            writeUpstream(upstream, c);
        }
        if (last) {
            requestComplete = true;
            if (upstream != null && !finished) {
                startResponseTimer();
            }
            if (holdBody && !finished) {
                checkHeldBody();
            }
        }
    }

    private void writeUpstream(Channel ch, HttpContent c) {
        if (wireHead != null) {
            Wire.writeBody(link.out, c, requestChunked);
        } else {
            ch.write(c, ch.voidPromise());
        }
        upstreamUnflushed = true;
    }

    /** The whole (small) body is here: let the gate decide before anything goes upstream. */
    private void checkHeldBody() {
        if (pending == null) {
            pending = new ArrayDeque<>(0);
        }
        int length = 0;
        for (HttpContent c : pending) {
            length += c.content().readableBytes();
        }
        byte[] body = new byte[length];
        int at = 0;
        for (HttpContent c : pending) {
            int n = c.content().readableBytes();
            c.content().getBytes(c.content().readerIndex(), body, at, n);
            at += n;
        }
        bodyChecked = true;
        Admission admission;
        try {
            admission = shared.gate().admitBody(head, body, length);
        } catch (RuntimeException e) {
            shared.metrics().analysisError();
            admission = shared.gate().onAnalysisFailure(head.route());
        }
        switch (admission) {
            case Admission.Forward f -> connect();
            case Admission.Refuse r -> {
                finished = true;
                releasePending();
                frontend.refused(this, r);
            }
        }
    }

    /**
     * A streamed body was refused part-way: nothing more goes upstream, and the upstream connection
     * is closed (unflushed chunks are dropped with it) so the upstream never sees a complete request.
     * The client gets the refusal, or a reset when the response had already started.
     */
    private void abort(Admission.Refuse r) {
        finished = true;
        cancelTimer();
        releasePending();
        releaseHeldHead();
        if (upstream != null) {
            link.exchange = null;
            upstream.close();
        }
        if (responseHeadForwarded) {
            client.config().setOption(io.netty.channel.ChannelOption.SO_LINGER, 0);
            frontend.exchangeFailed(this, 0, r.type(), r.title());
        } else {
            frontend.refused(this, r);
        }
    }

    /** Flushes what was written upstream since the last flush, once per read batch from the client. */
    void flushUpstream() {
        if (upstreamUnflushed && upstream != null && !finished) {
            upstreamUnflushed = false;
            upstream.flush();
        }
    }

    void flushClient() {
        writeHeldHead();
        client.flush();
    }

    private void writeHeldHead() {
        ByteBuf h = heldHead;
        if (h != null) {
            heldHead = null;
            clientOut.write(h, client.voidPromise());
        }
    }

    private void releaseHeldHead() {
        ByteBuf h = heldHead;
        if (h != null) {
            heldHead = null;
            h.release();
        }
    }

    /**
     * Starts the wait for the response head. The connection's one timer (see {@link
     * FrontendHandler#armResponseTimer}) checks the deadline, so a request schedules and cancels no
     * task of its own.
     */
    private void startResponseTimer() {
        if (responseDeadline == 0 && !responseHeadForwarded) {
            long deadline =
                    System.nanoTime() + shared.config().timeouts().response().toNanos();
            responseDeadline = deadline == 0 ? 1 : deadline;
            frontend.armResponseTimer(responseDeadline);
        }
    }

    private void cancelTimer() {
        responseDeadline = 0;
    }

    /** When the response head is due (System.nanoTime), or 0 when none is awaited. */
    long responseDeadline() {
        return finished || responseHeadForwarded ? 0 : responseDeadline;
    }

    void responseTimedOut() {
        if (!responseHeadForwarded && !finished) {
            shared.metrics().upstreamTimeout();
            upstreamFailed(504, "upstream-timeout", "Upstream timed out");
        }
    }

    void onUpstreamMessage(Object msg) {
        responseStarted = true;
        if (finished) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (tunnel) {
            if (msg instanceof ByteBuf b) {
                clientOut.write(b);
            } else {
                client.write(msg);
            }
            return;
        }
        if (switching) {
            client.write(msg);
            if (msg instanceof LastHttpContent) {
                switchToTunnel();
            }
            return;
        }
        if (msg instanceof HttpResponse resp
                && upgradeRequested
                && resp.status().code() == 101
                && !resp.decoderResult().isFailure()) {
            cancelTimer();
            status = 101;
            responseHeadForwarded = true;
            switching = true;
            if (recorder != null) {
                recorder.response(resp);
            }
            client.write(msg);
            if (msg instanceof LastHttpContent) {
                switchToTunnel();
            }
            return;
        }
        if (msg instanceof HttpResponse resp) {
            if (resp.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                upstreamFailed(502, "upstream-invalid", "Upstream sent an invalid response");
                return;
            }
            int code = resp.status().code();
            informational = code >= 100 && code < 200;
            if (informational && !clientHttp10) {
                // Interim heads are re-encoded; like any head, they lose the hop-by-hop fields.
                HopByHop.strip(resp.headers());
            }
            if (!informational) {
                cancelTimer();
                status = code;
                upstreamKeepAlive = HttpUtil.isKeepAlive(resp);
                boolean chunked = HttpUtil.isTransferEncodingChunked(resp);
                ByteBuf wire = wireResponseHead(resp, chunked);
                if (wire == null) {
                    prepareClientResponse(resp);
                }
                if (recorder != null) {
                    recorder.response(resp);
                }
                responseHeadForwarded = true;
                if (wire != null) {
                    wireResponse = true;
                    responseChunked = chunked;
                    responseBodyless = noResponseBody(code);
                    if (msg instanceof HttpContent || bodyRoom == 0) {
                        clientOut.write(wire, client.voidPromise());
                    } else {
                        heldHead = wire;
                    }
                    if (!(msg instanceof HttpContent)) {
                        return;
                    }
                }
            }
        }
        if (informational && clientHttp10) {
            // RFC 9110 §15.2: no 1xx response to an HTTP/1.0 client; it gets the final one only.
            boolean end = msg instanceof LastHttpContent;
            ReferenceCountUtil.release(msg);
            if (end) {
                informational = false;
            }
            return;
        }
        boolean last = false;
        if (msg instanceof HttpContent c) {
            if (!informational) {
                responseBytes += c.content().readableBytes();
                if (recorder != null) {
                    recorder.appendResponse(c.content());
                }
            }
            last = msg instanceof LastHttpContent;
        }
        if (wireResponse && !informational && msg instanceof HttpContent c) {
            if (responseBodyless) {
                c.release();
            } else if (heldHead != null && c.content().readableBytes() <= bodyRoom) {
                // Copied by the source buffer, which reaches the head's memory directly; the head's
                // writeBytes would make an NIO view of each side first.
                ByteBuf whole = heldHead;
                c.content().readBytes(whole, c.content().readableBytes());
                heldHead = null;
                c.release();
                clientOut.write(whole, client.voidPromise());
            } else {
                writeHeldHead();
                Wire.writeBody(clientOut, c, responseChunked);
            }
        } else {
            client.write(msg, client.voidPromise());
        }
        if (last) {
            if (informational) {
                informational = false;
            } else {
                finish();
            }
        }
    }

    /**
     * After a 101 both connections stop speaking HTTP: the codecs are removed (any bytes they still
     * hold are passed on as raw buffers) and bytes are relayed both ways until either side closes.
     * The upstream connection is never pooled again.
     */
    private void switchToTunnel() {
        switching = false;
        tunnel = true;
        client.flush();
        if (client.pipeline().get("idle") != null) {
            client.pipeline().remove("idle");
        }
        if (client.pipeline().get("head-timer") != null) {
            client.pipeline().remove("head-timer");
        }
        Codecs.remove(upstream.pipeline());
        Codecs.remove(client.pipeline());
        afterExchange(System.nanoTime());
        frontend.updateReading();
    }

    /**
     * The response head for the client built from the upstream's bytes, or null when the decoded head
     * must be re-encoded: an HTTP/1.0 client or upstream, a body delimited by the connection's close
     * (re-framed as chunked), or a head that did not arrive whole.
     */
    private ByteBuf wireResponseHead(HttpResponse resp, boolean chunked) {
        if (!(resp instanceof Codecs.Response r)
                || r.raw() == null
                || clientHttp10
                || resp.protocolVersion() != HttpVersion.HTTP_1_1
                || !HeadWriter.statusLineIs(r.raw(), resp.status().code())) {
            return null;
        }
        int code = resp.status().code();
        long length = 0;
        if (!noResponseBody(code) && !chunked) {
            // The decoder has already refused a Content-Length that is not one non-negative number.
            length = HttpUtil.getContentLength(resp, -1L);
            if (length < 0) {
                return null;
            }
        }
        bodyRoom = length <= MERGED_BODY_LIMIT ? (int) length : 0;
        List<String> drop = HeadWriter.dropNames(resp.headers(), RESPONSE_DROP);
        byte[] extra = keepClientAlive ? NOTHING : CONNECTION_CLOSE;
        ByteBuf head =
                HeadWriter.rewrite(r.raw(), r.lines(), resp.headers().size(), drop, extra, client.alloc(), bodyRoom);
        if (head != null && recorder != null) {
            recorder.responseForwardedAs(drop, keepClientAlive ? List.of() : CONNECTION_CLOSE_FIELDS);
        }
        return head;
    }

    /** A response to HEAD, a 204 or a 304 has no body whatever its head announces. */
    private boolean noResponseBody(int code) {
        return headRequest || code == 204 || code == 304;
    }

    private static final List<String> RESPONSE_DROP = HeadWriter.dropList();
    /** Bodies up to this size go out in the head's buffer (see {@link #heldHead}). */
    private static final int MERGED_BODY_LIMIT = 2048;

    private static final byte[] NOTHING = new byte[0];
    private static final byte[] CONNECTION_CLOSE = HeadWriter.line("Connection", "close");
    private static final List<Header> CONNECTION_CLOSE_FIELDS = ExchangeRecorder.headerLines(CONNECTION_CLOSE);

    private void prepareClientResponse(HttpResponse resp) {
        HttpHeaders h = resp.headers();
        HopByHop.strip(h);
        resp.setProtocolVersion(clientHttp10 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1);
        int code = resp.status().code();
        boolean bodyless = noResponseBody(code);
        boolean chunked = HttpUtil.isTransferEncodingChunked(resp);
        if (clientHttp10) {
            if (chunked) {
                h.remove(HttpHeaderNames.TRANSFER_ENCODING);
            }
            keepClientAlive = false;
        } else if (!bodyless && !chunked && !h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            // A close-delimited upstream body is re-framed as chunked so the client connection survives.
            h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        }
        if (!keepClientAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
    }

    private void finish() {
        finished = true;
        cancelTimer();
        long now = System.nanoTime();
        // Analysis state is updated before the client sees the response, so a client's next request
        // (and anyone reading alerts after a response) observes it.
        afterExchange(now);
        // The upstream's read-complete flush will no longer find this exchange, so flush here.
        writeHeldHead();
        client.flush();
        Channel up = upstream;
        link.exchange = null;
        up.config().setAutoRead(true);
        if (requestComplete && upstreamKeepAlive && up.isActive()) {
            link.reused = true;
            shared.pools().release(link, now);
        } else {
            // Not reusable: the request body was cut short or the upstream asked to close.
            up.close();
        }
        frontend.exchangeDone(this, keepClientAlive);
    }

    private void afterExchange(long nowNanos) {
        if (recorder != null) {
            recorder.complete(nowNanos);
            shared.capture().submit(recorder);
        }
        try {
            shared.gate()
                    .completed(
                            head,
                            new Outcome(
                                    status,
                                    recorder == null ? null : recorder.requestBody(),
                                    recorder == null ? 0 : recorder.requestLength(),
                                    bodyChecked,
                                    responseBytes));
        } catch (RuntimeException e) {
            shared.metrics().analysisError();
        }
    }

    /** The upstream side broke before the response ended. */
    void upstreamFailed(int problemStatus, String type, String title) {
        if (finished) {
            return;
        }
        if (problemStatus == 502 && canRetry()) {
            // A pooled keep-alive connection the upstream closed while it sat idle: nothing of the
            // response came, so an idempotent body-less request is sent again, once (RFC 9110
            // §9.2.2). A POST or PATCH is not: the upstream may have acted on it before closing.
            retried = true;
            cancelTimer();
            link.exchange = null;
            upstream.close();
            upstream = null;
            link = null;
            shared.metrics().upstreamRetry();
            connect();
            return;
        }
        if (problemStatus == 502) {
            shared.metrics().upstreamFailure();
        }
        if (upstream != null) {
            link.exchange = null;
            upstream.close();
        }
        fail(problemStatus, type, title);
    }

    private boolean canRetry() {
        return upstream != null
                && reusedConnection
                && !retried
                && bodyless
                && !responseStarted
                && idempotent(request.method());
    }

    private static boolean idempotent(HttpMethod m) {
        return m.equals(HttpMethod.GET)
                || m.equals(HttpMethod.HEAD)
                || m.equals(HttpMethod.OPTIONS)
                || m.equals(HttpMethod.TRACE)
                || m.equals(HttpMethod.PUT)
                || m.equals(HttpMethod.DELETE);
    }

    private void fail(int problemStatus, String type, String title) {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimer();
        releasePending();
        releaseHeldHead();
        frontend.exchangeFailed(this, responseHeadForwarded ? 0 : problemStatus, type, title);
    }

    /** The client went away: the upstream connection is mid-exchange and cannot be reused. */
    void clientClosed() {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimer();
        releasePending();
        releaseHeldHead();
        if (upstream != null) {
            link.exchange = null;
            upstream.close();
        }
    }

    private void releasePending() {
        HttpContent c;
        while (pending != null && (c = pending.poll()) != null) {
            c.release();
        }
    }

    void upstreamWritabilityChanged() {
        frontend.updateReading();
    }

    void clientWritabilityChanged() {
        if (upstream != null && !finished) {
            upstream.config().setAutoRead(client.isWritable());
        }
    }
}
