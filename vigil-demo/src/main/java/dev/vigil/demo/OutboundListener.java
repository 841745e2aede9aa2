package dev.vigil.demo;

import dev.vigil.traffic.Exchange;

/**
 * Receives every call the demo API makes to a third party, with its response, right after it
 * completes and before the inbound request that caused it is answered. Called on server threads.
 */
@FunctionalInterface
public interface OutboundListener {
    void onOutbound(Exchange exchange);
}
