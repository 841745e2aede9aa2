package dev.vigil.guard;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.ChannelPool;
import io.netty.channel.pool.SimpleChannelPool;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keep-alive connections to upstreams, one pool per (I/O thread, route) so a client connection and
 * its upstream connection share a thread and never hand buffers across threads.
 */
final class UpstreamPools implements AutoCloseable {
    static final AttributeKey<ProxiedExchange> EXCHANGE = AttributeKey.valueOf("vigil.exchange");
    /** Set once a connection has carried a complete exchange and gone back to the pool. */
    static final AttributeKey<Boolean> REUSED = AttributeKey.valueOf("vigil.reused");

    private static final AttributeKey<ChannelPool> POOL = AttributeKey.valueOf("vigil.pool");
    private static final AttributeKey<Long> RELEASED_AT = AttributeKey.valueOf("vigil.releasedAt");

    /**
     * Pooled connections idle longer than this are not reused: upstreams close idle keep-alive
     * connections on their own schedule (nginx after 75 s, many Node servers after 5 s), and a
     * request sent on a connection the upstream is closing fails.
     */
    static final long MAX_IDLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(4);

    /** Healthy: open, and not idle so long that the upstream may be closing it. */
    private static final ChannelHealthChecker FRESH = ch -> {
        Long released = ch.attr(RELEASED_AT).get();
        boolean fresh = ch.isActive() && (released == null || System.nanoTime() - released < MAX_IDLE_NANOS);
        return ch.eventLoop().newSucceededFuture(fresh);
    };

    private final Map<EventLoop, Map<String, ChannelPool>> pools = new ConcurrentHashMap<>();
    private final int connectTimeoutMillis;
    private final Class<? extends SocketChannel> channelType;
    private final UpstreamHandler handler = new UpstreamHandler();

    /** {@code channelType} must match the transport of the event loops passed to {@link #acquire}. */
    UpstreamPools(int connectTimeoutMillis, Class<? extends SocketChannel> channelType) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.channelType = channelType;
    }

    Future<Channel> acquire(EventLoop loop, GuardConfig.Route route) {
        ChannelPool pool = pools.computeIfAbsent(loop, l -> new ConcurrentHashMap<>())
                .computeIfAbsent(route.name(), n -> newPool(loop, route));
        return pool.acquire();
    }

    /** Returns a healthy connection whose last exchange ended cleanly. */
    void release(Channel ch) {
        ChannelPool pool = ch.attr(POOL).get();
        if (pool != null) {
            ch.attr(RELEASED_AT).set(System.nanoTime());
            pool.release(ch);
        } else {
            ch.close();
        }
    }

    private ChannelPool newPool(EventLoop loop, GuardConfig.Route route) {
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(new InetSocketAddress(route.upstream().getHost(), route.upstreamPort()));
        ChannelPool[] self = new ChannelPool[1];
        self[0] = new SimpleChannelPool(
                b,
                new AbstractChannelPoolHandler() {
                    @Override
                    public void channelCreated(Channel ch) {
                        ch.attr(POOL).set(self[0]);
                        ch.pipeline()
                                .addLast(
                                        "codec",
                                        new HttpClientCodec(
                                                new HttpDecoderConfig()
                                                        .setMaxInitialLineLength(8192)
                                                        .setMaxHeaderSize(65536)
                                                        .setMaxChunkSize(65536),
                                                false,
                                                false))
                                .addLast("upstream", handler);
                    }
                },
                FRESH,
                true,
                true);
        return self[0];
    }

    @Override
    public void close() {
        for (Map<String, ChannelPool> byRoute : pools.values()) {
            byRoute.values().forEach(ChannelPool::close);
        }
        pools.clear();
    }
}
