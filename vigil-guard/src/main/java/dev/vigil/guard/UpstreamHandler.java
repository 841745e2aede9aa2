package dev.vigil.guard;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * One upstream connection's link to the exchange currently using it, and its pool state. One
 * instance per connection, so the per-message lookups are field reads rather than channel
 * attribute searches. Only its connection's event loop touches it.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {
    private final Channel channel;
    private final UpstreamPools.Idle pool;
    /** The exchange using the connection, or null while it is idle in the pool. */
    ProxiedExchange exchange;
    /** Set once the connection has carried a complete exchange and gone back to the pool. */
    boolean reused;
    /** System.nanoTime() when it last went back to the pool. */
    long releasedAt;

    /** The connection's response decoder, told per exchange whether the request was HEAD. */
    final Codecs.ResponseDecoder decoder;

    /** Where wire-form bytes for the upstream are written (see {@link Wire}). */
    final ChannelHandlerContext out;

    UpstreamHandler(Channel channel, UpstreamPools.Idle pool, Codecs.ResponseDecoder decoder) {
        this.channel = channel;
        this.out = Wire.out(channel);
        this.pool = pool;
        this.decoder = decoder;
    }

    Channel channel() {
        return channel;
    }

    UpstreamPools.Idle pool() {
        return pool;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ProxiedExchange ex = exchange;
        if (ex == null) {
            // Bytes from an idle pooled connection belong to no request: the connection is unusable.
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        ex.onUpstreamMessage(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ProxiedExchange ex = exchange;
        if (ex != null) {
            ex.flushClient();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ProxiedExchange ex = exchange;
        if (ex != null) {
            ex.upstreamFailed(502, "upstream-closed", "Upstream closed the connection");
        } else {
            pool.forget(this);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProxiedExchange ex = exchange;
        ctx.close();
        if (ex != null) {
            ex.upstreamFailed(502, "upstream-error", "Upstream connection failed");
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ProxiedExchange ex = exchange;
        if (ex != null) {
            ex.upstreamWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }
}
