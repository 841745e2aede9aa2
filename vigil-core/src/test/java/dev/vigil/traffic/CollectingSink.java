package dev.vigil.traffic;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything a reader delivers, in order. */
final class CollectingSink implements ExchangeSink {
    final List<Exchange> exchanges = new ArrayList<>();
    final List<Quarantined> quarantined = new ArrayList<>();

    @Override
    public void accept(Exchange exchange) {
        exchanges.add(exchange);
    }

    @Override
    public void quarantine(Quarantined record) {
        quarantined.add(record);
    }
}
