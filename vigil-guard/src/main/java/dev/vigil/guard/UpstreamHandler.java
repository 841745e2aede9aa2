package dev.vigil.guard;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** Hands what an upstream connection reads to the exchange currently using it. */
@ChannelHandler.Sharable
final class UpstreamHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ProxiedExchange ex = ctx.channel().attr(UpstreamPools.EXCHANGE).get();
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
        ProxiedExchange ex = ctx.channel().attr(UpstreamPools.EXCHANGE).get();
        if (ex != null) {
            ex.flushClient();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        ProxiedExchange ex = ctx.channel().attr(UpstreamPools.EXCHANGE).get();
        if (ex != null) {
            ex.upstreamFailed(502, "upstream-closed", "Upstream closed the connection");
        } else {
            UpstreamPools.closedWhileIdle(ctx.channel());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ProxiedExchange ex = ctx.channel().attr(UpstreamPools.EXCHANGE).get();
        ctx.close();
        if (ex != null) {
            ex.upstreamFailed(502, "upstream-error", "Upstream connection failed");
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ProxiedExchange ex = ctx.channel().attr(UpstreamPools.EXCHANGE).get();
        if (ex != null) {
            ex.upstreamWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }
}
