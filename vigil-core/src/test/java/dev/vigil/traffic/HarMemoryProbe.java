package dev.vigil.traffic;

import java.io.IOException;

/**
 * Entry point run in a child JVM with a small heap by {@link HarReaderMemoryTest}: reads a generated
 * HAR of the given number of entries and prints "accepted quarantined".
 */
public final class HarMemoryProbe {
    private HarMemoryProbe() {}

    public static void main(String[] args) throws IOException {
        long entries = Long.parseLong(args[0]);
        ExchangeSink discard = new ExchangeSink() {
            @Override
            public void accept(Exchange exchange) {}

            @Override
            public void quarantine(Quarantined record) {}
        };
        ReadSummary summary = new HarReader(4096).read(new GeneratedHar(entries), "generated", discard);
        System.out.println(summary.accepted() + " " + summary.quarantined());
    }
}
