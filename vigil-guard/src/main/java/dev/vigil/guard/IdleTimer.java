package dev.vigil.guard;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fires {@link IdleStateEvent#ALL_IDLE_STATE_EVENT} when a connection has neither read anything nor
 * had bytes waiting to be written for the limit. Unlike Netty's {@code IdleStateHandler} it is
 * inbound only, so writes pass it by: that handler replaces every write's void promise with a real
 * one and adds a listener to it, an allocation and a callback per message on the proxy's hot path.
 * A response still draining to a slow reader counts as activity, because its bytes are pending.
 */
final class IdleTimer extends ChannelInboundHandlerAdapter {
    private final long limitNanos;
    private long lastActivity;
    private ScheduledFuture<?> check;

    IdleTimer(long limitMillis) {
        this.limitNanos = TimeUnit.MILLISECONDS.toNanos(limitMillis);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (check == null) {
            lastActivity = System.nanoTime();
            schedule(ctx, limitNanos);
        }
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        check = ctx.executor().schedule(() -> expired(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Once per read batch rather than per message: the clock is read rarely. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        lastActivity = System.nanoTime();
        ctx.fireChannelReadComplete();
    }

    private void expired(ChannelHandlerContext ctx) {
        check = null;
        if (!ctx.channel().isOpen()) {
            return;
        }
        long now = System.nanoTime();
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        if (pending != null && pending.totalPendingWriteBytes() > 0) {
            lastActivity = now;
        }
        long idle = now - lastActivity;
        if (idle >= limitNanos) {
            // Fired again after every full period the connection stays idle, like IdleStateHandler.
            lastActivity = now;
            schedule(ctx, limitNanos);
            ctx.fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
        } else {
            schedule(ctx, limitNanos - idle);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    private void cancel() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }
}
