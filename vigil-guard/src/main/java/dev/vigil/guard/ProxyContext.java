package dev.vigil.guard;

import dev.vigil.guard.policy.Gate;
import java.time.Clock;

/** What every connection handler shares; built once by {@link GuardServer}. {@code capture} may be null. */
record ProxyContext(
        GuardConfig config,
        RouteTable routes,
        UpstreamPools pools,
        Gate gate,
        CaptureQueue capture,
        GuardMetrics metrics,
        Clock clock) {}
