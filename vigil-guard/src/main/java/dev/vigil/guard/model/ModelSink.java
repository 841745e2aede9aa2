package dev.vigil.guard.model;

import dev.vigil.guard.alert.AlertLog;
import dev.vigil.guard.detect.Detection;
import dev.vigil.traffic.Exchange;
import dev.vigil.traffic.ExchangeSink;
import dev.vigil.traffic.Quarantined;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An {@link ExchangeSink} that runs {@link ModelDetectors#inspectResponse} on every captured
 * exchange (on the guard's capture thread), records each detection as a {@code
 * detected-after-forwarding} alert, then hands the exchange on to the next sink (or nowhere). A
 * failing model never stops capture: its failures are counted.
 */
public final class ModelSink implements ExchangeSink {
    private final ExchangeSink next;
    private final ModelDetectors model;
    private final AlertLog alerts;
    private final Clock clock;
    private final Function<Exchange, String> routeOf;
    private final AtomicLong failures = new AtomicLong();

    /** {@code next} may be null; {@code routeOf} names the guard route an exchange went through. */
    public ModelSink(
            ExchangeSink next, ModelDetectors model, AlertLog alerts, Clock clock, Function<Exchange, String> routeOf) {
        this.next = next;
        this.model = model;
        this.alerts = alerts;
        this.clock = clock;
        this.routeOf = routeOf;
    }

    @Override
    public void accept(Exchange exchange) {
        try {
            List<Detection> found = model.inspectResponse(exchange);
            if (!found.isEmpty()) {
                String route = routeOf.apply(exchange);
                String caller = model.caller(exchange);
                for (Detection d : found) {
                    alerts.add(ModelGate.alert(
                            alerts,
                            clock,
                            route == null ? "" : route,
                            "detected-after-forwarding",
                            d,
                            caller,
                            exchange.clientAddress(),
                            exchange.request().method(),
                            exchange.request().path()));
                }
            }
        } catch (RuntimeException e) {
            failures.incrementAndGet();
        }
        if (next != null) {
            next.accept(exchange);
        }
    }

    @Override
    public void quarantine(Quarantined record) {
        if (next != null) {
            next.quarantine(record);
        }
    }

    /** Exchanges whose model analysis threw. */
    public long failures() {
        return failures.get();
    }
}
