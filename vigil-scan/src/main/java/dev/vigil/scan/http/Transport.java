package dev.vigil.scan.http;

/**
 * Sends one request and returns what came back. Implementations never throw for network failures:
 * they return {@link HttpResult#failed(String)} so a scan goes on past one broken endpoint.
 */
@FunctionalInterface
public interface Transport {
    HttpResult send(HttpCall call) throws InterruptedException;

    /**
     * Sends presenting a TLS client certificate ({@code clientTls}, mutual TLS) when one is given.
     * Transports that cannot do so answer {@link HttpResult#failed(String)} rather than sending
     * without it.
     */
    default HttpResult send(HttpCall call, java.util.Optional<javax.net.ssl.SSLContext> clientTls)
            throws InterruptedException {
        return clientTls.isEmpty() ? send(call) : HttpResult.failed("transport cannot present client certificates");
    }
}
