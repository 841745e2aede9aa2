package dev.vigil.guard;

import dev.vigil.guard.policy.Gate;
import dev.vigil.traffic.ExchangeSink;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The running guard: an HTTP/1.1 reverse proxy that forwards each request to its route's upstream,
 * copies exchanges to an {@link ExchangeSink} without ever waiting for it, and asks a {@link Gate}
 * whether each request may pass. Start with {@code start}, stop with {@link #close()}.
 */
public final class GuardServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final UpstreamPools pools;
    private final CaptureQueue capture;
    private final GuardMetrics metrics;

    private GuardServer(
            EventLoopGroup group, Channel serverChannel, UpstreamPools pools, CaptureQueue capture, GuardMetrics m) {
        this.group = group;
        this.serverChannel = serverChannel;
        this.pools = pools;
        this.capture = capture;
        this.metrics = m;
    }

    /**
     * Binds and starts serving with the given gate. {@code sink} may be null for no capture.
     *
     * @throws GuardStartException when the address cannot be bound
     */
    static GuardServer start(GuardConfig config, Gate gate, ExchangeSink sink, Clock clock) {
        GuardMetrics metrics = new GuardMetrics();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(), NioIoHandler.newFactory());
        UpstreamPools pools =
                new UpstreamPools((int) config.timeouts().connect().toMillis());
        CaptureQueue capture =
                sink == null ? null : new CaptureQueue(config.capture().queueCapacity(), sink, metrics);
        ProxyContext shared =
                new ProxyContext(config, new RouteTable(config.routes()), pools, gate, capture, metrics, clock);
        long idleMillis = config.timeouts().idle().toMillis();
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
                                .addLast(
                                        "codec",
                                        new HttpServerCodec(new HttpDecoderConfig()
                                                .setMaxInitialLineLength(8192)
                                                .setMaxHeaderSize(16384)
                                                .setMaxChunkSize(65536)))
                                .addLast("proxy", new FrontendHandler(shared, "http"));
                    }
                });
        try {
            Channel ch = b.bind(new InetSocketAddress(config.bindAddress(), config.port()))
                    .syncUninterruptibly()
                    .channel();
            return new GuardServer(group, ch, pools, capture, metrics);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            if (capture != null) {
                capture.close();
            }
            throw new GuardStartException("cannot listen on " + config.bindAddress() + ":" + config.port(), e);
        }
    }

    /** The port actually bound (useful when the config asked for 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public GuardMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        pools.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (capture != null) {
            capture.close();
        }
    }
}
