package dev.vigil.traffic;

/** Forwards to a sink and counts, so every reader reports the same way. */
final class Counter implements ExchangeSink {
    private final ExchangeSink sink;
    private long accepted;
    private long quarantined;

    Counter(ExchangeSink sink) {
        this.sink = sink;
    }

    @Override
    public void accept(Exchange exchange) {
        sink.accept(exchange);
        accepted++;
    }

    @Override
    public void quarantine(Quarantined record) {
        sink.quarantine(record);
        quarantined++;
    }

    ReadSummary summary() {
        return new ReadSummary(accepted, quarantined);
    }
}
