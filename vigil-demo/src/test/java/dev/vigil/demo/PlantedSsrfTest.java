package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The FX quote's {@code source}: fetched from any host in vulnerable mode, the provider's origin only in secure mode. */
class PlantedSsrfTest {

    @Test
    void onlyVulnerableModeFetchesARateSourceOnAForeignOriginWhileBothServeTheDefaultFeed() throws Exception {
        AtomicInteger fetched = new AtomicInteger();
        HttpServer elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", ex -> {
            fetched.incrementAndGet();
            byte[] body = "{\"rates\":{\"USD\":1.5}}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        elsewhere.start();
        String foreign = "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/internal/rates";
        String quote = "/api/v2/fx/quote?currency=USD&source=" + URLEncoder.encode(foreign, StandardCharsets.UTF_8);
        try (DemoApi secure = DemoApi.start(DemoConfig.defaults().withMode(DemoMode.SECURE));
                DemoApi vulnerable = DemoApi.start(DemoConfig.defaults().withMode(DemoMode.VULNERABLE))) {
            TestHttp s = new TestHttp(secure);
            TestHttp v = new TestHttp(vulnerable);
            String st = s.token(DemoCredentials.NORTHWIND_CUSTOMER_1);
            String vt = v.token(DemoCredentials.NORTHWIND_CUSTOMER_1);

            assertThat(s.get("/api/v2/fx/quote?currency=USD", st).statusCode()).isEqualTo(200);
            assertThat(v.get("/api/v2/fx/quote?currency=USD", vt).statusCode()).isEqualTo(200);

            HttpResponse<String> refused = s.get(quote, st);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(fetched).hasValue(0);

            HttpResponse<String> forged = v.get(quote, vt);
            assertThat(forged.statusCode()).isEqualTo(200);
            assertThat(forged.body()).contains("1.5");
            assertThat(fetched).hasValue(1);
        } finally {
            elsewhere.stop(0);
        }
    }
}
