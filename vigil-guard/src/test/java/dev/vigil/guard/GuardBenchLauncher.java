package dev.vigil.guard;

import dev.vigil.guard.policy.Policy;
import dev.vigil.guard.policy.PolicyFile;
import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.ExchangeSink;
import dev.vigil.traffic.Quarantined;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs the guard for bench/guard-bench.sh: {@code <port> <upstream-url> [policy.yaml]}. Capture is
 * on, into a sink that only counts, so the measured cost includes copying and hand-off.
 */
public final class GuardBenchLauncher {
    private GuardBenchLauncher() {}

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        URI upstream = URI.create(args[1]);
        Policy policy = args.length > 2 ? PolicyFile.load(Path.of(args[2])) : Policy.monitorAll();
        LongAdder seen = new LongAdder();
        ExchangeSink counting = new ExchangeSink() {
            @Override
            public void accept(Exchange exchange) {
                seen.increment();
            }

            @Override
            public void quarantine(Quarantined record) {}
        };
        GuardConfig config = GuardConfig.of(port, List.of(new GuardConfig.Route("bench", "*", "/", upstream)))
                .withEventLoopThreads(1)
                .withTransport(GuardConfig.Transport.valueOf(
                        System.getenv().getOrDefault("GUARD_TRANSPORT", "auto").toUpperCase(java.util.Locale.ROOT)));
        boolean capture = !"off".equals(System.getenv("GUARD_CAPTURE"));
        GuardServer guard = GuardServer.start(config, policy, capture ? counting : null, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("captured=" + seen.sum() + " " + guard.metrics() + " alerts=" + guard.alertCount());
            guard.close();
        }));
        System.out.println("guard listening on " + guard.port() + " (" + guard.transport() + ")");
        new CountDownLatch(1).await();
    }
}
