package dev.vigil.guard;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Slow-header protection: once the first byte of a request arrives, its complete head must follow
 * within the limit, or the client gets 408 and the connection is closed. An idle keep-alive
 * connection (no bytes at all) is governed by the idle timeout instead. Sits before the HTTP codec,
 * so it sees raw bytes; the frontend handler tells it when a head has been decoded.
 */
final class HeadTimer extends ChannelInboundHandlerAdapter {
    private final long limitMillis;
    private final GuardMetrics metrics;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> timer;
    private boolean awaitingHead = true;
    private boolean sawBytes;

    HeadTimer(long limitMillis, GuardMetrics metrics) {
        this.limitMillis = limitMillis;
        this.metrics = metrics;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (awaitingHead && msg instanceof ByteBuf b && b.isReadable()) {
            sawBytes = true;
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * The timer starts only if a read ended with a head still incomplete, so the common case (the
     * whole head in one read) schedules nothing.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (awaitingHead && sawBytes && timer == null) {
            timer = ctx.executor().schedule(this::expired, limitMillis, TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelReadComplete();
    }

    private void expired() {
        timer = null;
        if (awaitingHead && ctx.channel().isActive()) {
            metrics.badRequest();
            ctx.channel()
                    .writeAndFlush(Problems.response(
                            ctx.alloc(),
                            408,
                            "request-timeout",
                            "Request head not received in time",
                            "Request head not received in time.",
                            0))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A complete head was decoded. */
    void headReceived() {
        awaitingHead = false;
        sawBytes = false;
        cancel();
    }

    /** The exchange is over; the next request's head is awaited. */
    void awaitNext() {
        awaitingHead = true;
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }
}
