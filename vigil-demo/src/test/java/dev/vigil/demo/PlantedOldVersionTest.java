package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The v1 card endpoints: forgotten and unannounced in vulnerable mode, retired in secure mode. */
class PlantedOldVersionTest {

    @Test
    void onlyVulnerableModeStillAnswersTheV1CardsAndWithoutAnnouncingItsRetirement() {
        try (DemoApi secure = DemoApi.start(DemoConfig.defaults().withMode(DemoMode.SECURE));
                DemoApi vulnerable = DemoApi.start(DemoConfig.defaults().withMode(DemoMode.VULNERABLE))) {
            TestHttp s = new TestHttp(secure);
            TestHttp v = new TestHttp(vulnerable);
            String st = s.token(DemoCredentials.NORTHWIND_CUSTOMER_1);
            String vt = v.token(DemoCredentials.NORTHWIND_CUSTOMER_1);

            assertThat(s.get("/api/v2/cards", st).statusCode()).isEqualTo(200);
            assertThat(s.get("/api/v1/cards", st).statusCode()).isEqualTo(404);

            HttpResponse<String> old = v.get("/api/v1/cards", vt);
            assertThat(old.statusCode()).isEqualTo(200);
            assertThat(old.body()).isEqualTo(v.get("/api/v2/cards", vt).body());
            assertThat(old.headers().firstValue("Deprecation")).isEmpty();
            assertThat(old.headers().firstValue("Sunset")).isEmpty();
        }
    }
}
