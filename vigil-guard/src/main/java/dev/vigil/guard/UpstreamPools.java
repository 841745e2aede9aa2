package dev.vigil.guard;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
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
    /**
     * Pooled connections idle longer than this are not reused: upstreams close idle keep-alive
     * connections on their own schedule (nginx after 75 s, many Node servers after 5 s), and a
     * request sent on a connection the upstream is closing fails.
     */
    static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(4);

    private final Map<EventLoop, Map<String, Idle>> pools = new ConcurrentHashMap<>();
    private final int connectTimeoutMillis;
    private final Class<? extends SocketChannel> channelType;

    /** {@code channelType} must match the transport of the event loops passed in. */
    UpstreamPools(int connectTimeoutMillis, Class<? extends SocketChannel> channelType) {
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.channelType = channelType;
    }

    /**
     * A pooled connection to {@code route}'s upstream that is open and was idle for less than {@link
     * #MAX_IDLE_NANOS} (most recently used first), or null. Call on {@code loop}.
     */
    UpstreamHandler idle(EventLoop loop, GuardConfig.Route route) {
        ArrayDeque<UpstreamHandler> idle = pool(loop, route).channels;
        UpstreamHandler link;
        long now = System.nanoTime();
        while ((link = idle.pollFirst()) != null) {
            if (link.channel().isActive() && now - link.releasedAt < MAX_IDLE_NANOS) {
                return link;
            }
            link.channel().close();
        }
        return null;
    }

    /**
     * Opens a new connection to {@code route}'s upstream on {@code loop}; once connected, {@link
     * #link} gives its handler.
     */
    ChannelFuture open(EventLoop loop, GuardConfig.Route route) {
        return pool(loop, route).bootstrap.connect();
    }

    static UpstreamHandler link(Channel ch) {
        return ch.pipeline().get(UpstreamHandler.class);
    }

    /**
     * Returns a connection whose last exchange ended cleanly, at {@code nowNanos} (System.nanoTime);
     * a closed one is dropped.
     */
    void release(UpstreamHandler link, long nowNanos) {
        if (link.channel().isActive()) {
            link.releasedAt = nowNanos;
            link.pool().channels.addFirst(link);
        } else {
            link.channel().close();
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
    final class Idle {
        final ArrayDeque<UpstreamHandler> channels = new ArrayDeque<>();
        final Bootstrap bootstrap;

        /** An idle pooled connection closed (the upstream's keep-alive timeout): forget it. */
        void forget(UpstreamHandler link) {
            channels.remove(link);
        }

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
                            Codecs.ResponseDecoder decoder =
                                    Codecs.upstream(ch.pipeline(), Codecs.decoderConfig(65536));
                            ch.pipeline().addLast("upstream", new UpstreamHandler(ch, self, decoder));
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
                        UpstreamHandler link;
                        while ((link = idle.channels.pollFirst()) != null) {
                            link.channel().close();
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
