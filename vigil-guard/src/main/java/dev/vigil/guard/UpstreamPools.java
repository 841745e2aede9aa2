package dev.vigil.guard;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections to upstreams, one pool per (I/O thread, route) so a client connection and
 * its upstream connection share a thread and never hand buffers across threads. Because each pool is
 * only touched from its own event loop, taking and returning a connection is a plain deque operation:
 * no locks, promises or listeners on the per-request path.
 */
final class UpstreamPools implements AutoCloseable {
    static final AttributeKey<ProxiedExchange> EXCHANGE = AttributeKey.valueOf("vigil.exchange");
    /** Set once a connection has carried a complete exchange and gone back to the pool. */
    static final AttributeKey<Boolean> REUSED = AttributeKey.valueOf("vigil.reused");

    private static final AttributeKey<Idle> POOL = AttributeKey.valueOf("vigil.pool");
    private static final AttributeKey<Long> RELEASED_AT = AttributeKey.valueOf("vigil.releasedAt");

    /**
     * Pooled connections idle longer than this are not reused: upstreams close idle keep-alive
     * connections on their own schedule (nginx after 75 s, many Node servers after 5 s), and a
     * request sent on a connection the upstream is closing fails.
     */
    static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(4);

    private final Map<EventLoop, Map<String, Idle>> pools = new ConcurrentHashMap<>();
    private final int connectTimeoutMillis;
    private final Class<? extends SocketChannel> channelType;
    private final UpstreamHandler handler = new UpstreamHandler();

    /** {@code channelType} must match the transport of the event loops passed in. */
    UpstreamPools(int connectTimeoutMillis, Class<? extends SocketChannel> channelType) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.channelType = channelType;
    }

    /**
     * A pooled connection to {@code route}'s upstream that is open and was idle for less than {@link
     * #MAX_IDLE_NANOS} (most recently used first), or null. Call on {@code loop}.
     */
    Channel idle(EventLoop loop, GuardConfig.Route route) {
        ArrayDeque<Channel> idle = pool(loop, route).channels;
        Channel ch;
        long now = System.nanoTime();
        while ((ch = idle.pollFirst()) != null) {
            Long released = ch.attr(RELEASED_AT).get();
            if (ch.isActive() && (released == null || now - released < MAX_IDLE_NANOS)) {
                return ch;
            }
            ch.close();
        }
        return null;
    }

    /** Opens a new connection to {@code route}'s upstream on {@code loop}. */
    ChannelFuture open(EventLoop loop, GuardConfig.Route route) {
        return pool(loop, route).bootstrap.connect();
    }

    /** Returns a connection whose last exchange ended cleanly; a closed or foreign one is dropped. */
    void release(Channel ch) {
        Idle idle = ch.attr(POOL).get();
        if (idle != null && ch.isActive()) {
            ch.attr(RELEASED_AT).set(System.nanoTime());
            idle.channels.addFirst(ch);
        } else {
            ch.close();
        }
    }

    /** An idle pooled connection closed (the upstream's keep-alive timeout): forget it. */
    static void closedWhileIdle(Channel ch) {
        Idle idle = ch.attr(POOL).get();
        if (idle != null) {
            idle.channels.remove(ch);
        }
    }

    private Idle pool(EventLoop loop, GuardConfig.Route route) {
        Map<String, Idle> byRoute = pools.get(loop);
        if (byRoute == null) {
            // Only this loop's thread reads and writes its inner map.
            byRoute = new HashMap<>();
            pools.put(loop, byRoute);
        }
        Idle idle = byRoute.get(route.name());
        if (idle == null) {
            idle = new Idle(loop, route);
            byRoute.put(route.name(), idle);
        }
        return idle;
    }

    /** The connections of one (event loop, route). */
    private final class Idle {
        final ArrayDeque<Channel> channels = new ArrayDeque<>();
        final Bootstrap bootstrap;

        Idle(EventLoop loop, GuardConfig.Route route) {
            Idle self = this;
            bootstrap = new Bootstrap()
                    .group(loop)
                    .channel(channelType)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .remoteAddress(new InetSocketAddress(route.upstream().getHost(), route.upstreamPort()))
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.attr(POOL).set(self);
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
                    });
        }
    }

    @Override
    public void close() {
        List<io.netty.util.concurrent.Future<?>> done = new ArrayList<>();
        for (Map.Entry<EventLoop, Map<String, Idle>> e : pools.entrySet()) {
            Map<String, Idle> byRoute = e.getValue();
            // The idle deques belong to their loop's thread, so they are emptied there.
            try {
                done.add(e.getKey().submit(() -> {
                    for (Idle idle : byRoute.values()) {
                        Channel ch;
                        while ((ch = idle.channels.pollFirst()) != null) {
                            ch.close();
                        }
                    }
                }));
            } catch (java.util.concurrent.RejectedExecutionException stopped) {
                // The loop is already shutting down and closes its channels itself.
            }
        }
        for (io.netty.util.concurrent.Future<?> f : done) {
            f.awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        pools.clear();
    }
}
