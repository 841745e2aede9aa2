package dev.vigil.traffic;

/** Where readers deliver what they parse: good exchanges and quarantined records. */
public interface ExchangeSink {
    void accept(Exchange exchange);

    void quarantine(Quarantined record);
}
