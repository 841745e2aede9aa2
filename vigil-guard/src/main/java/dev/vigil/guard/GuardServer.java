package dev.vigil.guard;

import dev.vigil.guard.alert.Alert;
import dev.vigil.guard.alert.AlertLog;
import dev.vigil.guard.alert.AlertWebhook;
import dev.vigil.guard.model.ModelDetectors;
import dev.vigil.guard.model.ModelGate;
import dev.vigil.guard.model.ModelSink;
import dev.vigil.guard.policy.Enforcer;
import dev.vigil.guard.policy.Gate;
import dev.vigil.guard.policy.Policy;
import dev.vigil.guard.policy.PolicyWatcher;
import dev.vigil.traffic.ExchangeSink;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
    private final IoTransport transport;
    private Enforcer enforcer;
    private ModelDetectors model;
    private AlertLog alerts;
    private AlertWebhook webhook;
    private HttpClient webhookClient;

    private GuardServer(
            EventLoopGroup group,
            Channel serverChannel,
            UpstreamPools pools,
            CaptureQueue capture,
            GuardMetrics m,
            IoTransport transport) {
        this.transport = transport;
        this.group = group;
        this.serverChannel = serverChannel;
        this.pools = pools;
        this.capture = capture;
        this.metrics = m;
    }

    /** Alerts kept in memory (the most recent 10,000). */
    public static final int ALERTS_KEPT = 10_000;

    /**
     * Binds {@code config}'s address and starts proxying, enforcing {@code policy}. Exchanges are
     * copied to {@code sink} (null for none) on a separate thread; {@code clock} times detection
     * windows and capture timestamps.
     *
     * @throws GuardStartException when the address cannot be bound
     */
    public static GuardServer start(GuardConfig config, Policy policy, ExchangeSink sink, Clock clock) {
        return start(config, policy, sink, clock, null);
    }

    /**
     * As {@link #start(GuardConfig, Policy, ExchangeSink, Clock)}, also enforcing the learned model:
     * {@code model}'s request checks run inline after the policy's detectors, and its response checks
     * run on every captured exchange before it reaches {@code sink}. {@code model} may be null.
     */
    public static GuardServer start(
            GuardConfig config, Policy policy, ExchangeSink sink, Clock clock, ModelDetectors model) {
        AlertLog alerts = new AlertLog(ALERTS_KEPT);
        HttpClient client = null;
        AlertWebhook hook = null;
        if (config.webhook().isPresent()) {
            client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            hook = new AlertWebhook(config.webhook().get(), client, 64);
            alerts.addListener(hook);
        }
        Enforcer enforcer = new Enforcer(policy, clock, alerts);
        GuardServer server = model == null
                ? start(config, enforcer, sink, clock)
                : start(
                        config,
                        new ModelGate(enforcer, route -> enforcer.policy().forRoute(route), model, alerts, clock),
                        new ModelSink(sink, model, alerts, clock, routeNames(config)),
                        clock);
        server.enforcer = enforcer;
        server.model = model;
        server.alerts = alerts;
        server.webhook = hook;
        server.webhookClient = client;
        return server;
    }

    private static java.util.function.Function<dev.vigil.traffic.Exchange, String> routeNames(GuardConfig config) {
        RouteTable table = new RouteTable(config.routes());
        return ex -> {
            GuardConfig.Route r =
                    table.match(ex.request().authority(), ex.request().path());
            return r == null ? "" : r.name();
        };
    }

    /** Replaces the policy for requests that start from now on. */
    public void updatePolicy(Policy policy) {
        enforcer().update(policy);
    }

    public Policy policy() {
        return enforcer().policy();
    }

    /**
     * Reloads the policy from {@code file} whenever its content changes (checked every {@code
     * every}); an invalid file keeps the current policy and is reported by {@link
     * PolicyWatcher#lastProblems()}.
     */
    public PolicyWatcher watchPolicy(Path file, Duration every) {
        try {
            PolicyWatcher w = new PolicyWatcher(file, this::updatePolicy);
            long millis = every.toMillis();
            // The file is small; reading it on an I/O thread once per period costs microseconds.
            group.next().scheduleWithFixedDelay(w::reloadIfChanged, millis, millis, TimeUnit.MILLISECONDS);
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy " + file, e);
        }
    }

    /** The most recent alerts, oldest first. */
    public List<Alert> alerts() {
        return alerts == null ? List.of() : alerts.recent();
    }

    /** Alerts created since start, including those no longer kept in memory. */
    public long alertCount() {
        return alerts == null ? 0 : alerts.total();
    }

    /**
     * Per-caller and per-source detector state (windows, buckets, owned ids, tracked callers)
     * forgotten because a memory cap was reached since the policy was last loaded.
     */
    public long detectorEvictions() {
        return (enforcer == null ? 0 : enforcer.evictions()) + (model == null ? 0 : model.evictions());
    }

    /** The webhook's counters, when one is configured. */
    public Optional<AlertWebhook> webhook() {
        return Optional.ofNullable(webhook);
    }

    private Enforcer enforcer() {
        if (enforcer == null) {
            throw new IllegalStateException("this guard was started without a policy");
        }
        return enforcer;
    }

    /**
     * Binds and starts serving with the given gate. {@code sink} may be null for no capture.
     *
     * @throws GuardStartException when the address cannot be bound
     */
    static GuardServer start(GuardConfig config, Gate gate, ExchangeSink sink, Clock clock) {
        GuardMetrics metrics = new GuardMetrics();
        IoTransport transport = IoTransport.select(config.transport());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.eventLoopThreads(), transport.ioHandlerFactory());
        UpstreamPools pools =
                new UpstreamPools((int) config.timeouts().connect().toMillis(), transport.socketChannel());
        CaptureQueue capture =
                sink == null ? null : new CaptureQueue(config.capture().queueCapacity(), sink, metrics);
        ProxyContext shared =
                new ProxyContext(config, new RouteTable(config.routes()), pools, gate, capture, metrics, clock);
        long idleMillis = config.timeouts().idle().toMillis();
        long headMillis = config.timeouts().requestHead().toMillis();
        SslContext ssl = config.tlsTermination().map(GuardServer::sslContext).orElse(null);
        String scheme = ssl == null ? "http" : "https";
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc()));
                        }
                        ch.pipeline()
                                .addLast("idle", new IdleTimer(idleMillis))
                                .addLast("head-timer", new HeadTimer(headMillis, metrics));
                        Codecs.client(ch.pipeline(), Codecs.decoderConfig(16384));
                        ch.pipeline().addLast("proxy", new FrontendHandler(shared, scheme));
                    }
                });
        try {
            Channel ch = b.bind(new InetSocketAddress(config.bindAddress(), config.port()))
                    .syncUninterruptibly()
                    .channel();
            return new GuardServer(group, ch, pools, capture, metrics, transport);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            if (capture != null) {
                capture.close();
            }
            throw new GuardStartException("cannot listen on " + config.bindAddress() + ":" + config.port(), e);
        }
    }

    private static SslContext sslContext(GuardConfig.Tls tls) {
        try {
            return SslContextBuilder.forServer(
                            tls.certificateChainPem().toFile(),
                            tls.privateKeyPem().toFile())
                    .build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new GuardStartException(
                    "cannot use TLS certificate " + tls.certificateChainPem() + " with key " + tls.privateKeyPem(), e);
        }
    }

    /** The port actually bound (useful when the config asked for 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** The socket implementation in use: {@code epoll} or {@code nio}. */
    public String transport() {
        return transport.name();
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
        if (webhookClient != null) {
            webhookClient.close();
        }
    }
}
