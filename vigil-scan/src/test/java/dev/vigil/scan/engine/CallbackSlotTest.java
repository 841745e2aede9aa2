package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A unit waiting for an out-of-band callback gives its in-flight slot to others meanwhile. */
class CallbackSlotTest {
    @Test
    void waitingForACallbackLendsTheUnitsSlotAndTakesItBack() throws Exception {
        Semaphore inFlight = new Semaphore(1);
        try (CallbackListener listener = new CallbackListener(null);
                HttpClient client = HttpClient.newHttpClient()) {
            String url = listener.urlFor("tok-1");
            CompletableFuture<Boolean> hit = new CompletableFuture<>();
            Thread unit = Thread.ofVirtual().start(() -> {
                try {
                    inFlight.acquire();
                    listener.holding(inFlight);
                    hit.complete(listener.awaitHit("tok-1", Duration.ofSeconds(30)));
                    listener.holding(null);
                    // still holding the slot here: nobody else may have it
                    hit.obtrudeValue(hit.join() && inFlight.availablePermits() == 0);
                    inFlight.release();
                } catch (InterruptedException e) {
                    hit.completeExceptionally(e);
                }
            });
            // only obtainable if the waiting unit gave its slot back
            assertThat(inFlight.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
            client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
            inFlight.release();
            unit.join();
            assertThat(hit.get()).isTrue();
            assertThat(inFlight.availablePermits()).isEqualTo(1);
        }
    }

    @Test
    void aThreadHoldingNoSlotLeavesSemaphoresAlone() throws Exception {
        Semaphore inFlight = new Semaphore(0);
        try (CallbackListener listener = new CallbackListener(null)) {
            listener.urlFor("tok-2");
            assertThat(listener.awaitHit("tok-2", Duration.ofMillis(1))).isFalse();
            assertThat(inFlight.availablePermits()).isZero();
        }
    }
}
