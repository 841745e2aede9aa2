package dev.vigil.scan.http;

/**
 * Sends one request and returns what came back. Implementations never throw for network failures:
 * they return {@link HttpResult#failed(String)} so a scan goes on past one broken endpoint.
 */
@FunctionalInterface
public interface Transport {
    HttpResult send(HttpCall call) throws InterruptedException;
}
