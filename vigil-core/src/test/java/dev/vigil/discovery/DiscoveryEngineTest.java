package dev.vigil.discovery;

import static dev.vigil.discovery.TestExchanges.exchange;
import static dev.vigil.discovery.TestExchanges.jwt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.classify.Classifier;
import dev.vigil.classify.Redactor;
import dev.vigil.classify.Suppressions;
import dev.vigil.discovery.schema.BodyAnalyzer;
import dev.vigil.traffic.Exchange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryEngineTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static DiscoveryEngine engine() {
        Classifier classifier = Classifier.builtIn();
        return new DiscoveryEngine(
                new PathTemplater(TemplatingConfig.defaults()),
                new AuthDetector(AuthConfig.defaults()),
                new ExposureClassifier(ExposureConfig.defaults()),
                new BodyAnalyzer(classifier, new Redactor(classifier)),
                Suppressions.none());
    }

    private static List<Exchange> userTraffic(int from, int to) {
        List<Exchange> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(exchange(
                    "GET",
                    "https://api.example.com/users/" + (100 + i) + "?expand=profile",
                    "",
                    200,
                    "{\"id\":" + (100 + i) + ",\"email\":\"user" + i + "@example.org\",\"name\":\"User " + i + "\"}",
                    T0.plusSeconds(i),
                    "Authorization",
                    "Bearer " + jwt("user-" + (i % 3), "customer")));
        }
        return out;
    }

    private static Endpoint only(List<Endpoint> endpoints, String method, String path) {
        return endpoints.stream()
                .filter(e -> e.key().method().equals(method)
                        && e.key().pathTemplate().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + method + " " + path + " in "
                        + endpoints.stream().map(Endpoint::key).toList()));
    }

    @Test
    void learnsAnEndpointWithParametersAuthPrincipalsAndSensitiveData() {
        DiscoveryEngine engine = engine();
        userTraffic(0, 30).forEach(engine::accept);

        Endpoint users = only(engine.snapshot(), "GET", "/users/{userId}");
        assertThat(users.calls()).isEqualTo(30);
        assertThat(users.firstSeen()).isEqualTo(T0);
        assertThat(users.lastSeen()).isEqualTo(T0.plusSeconds(29));
        assertThat(users.parameters())
                .extracting(Parameter::name, Parameter::in, Parameter::required)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("userId", ParameterLocation.PATH, true),
                        org.assertj.core.groups.Tuple.tuple("expand", ParameterLocation.QUERY, true));
        assertThat(users.authSchemes()).anyMatch(a -> a instanceof AuthScheme.Jwt);
        assertThat(users.principals()).containsExactlyInAnyOrder("user-0", "user-1", "user-2");
        assertThat(users.responses()).containsKey(200);
        assertThat(users.sensitiveFields())
                .anyMatch(f ->
                        f.location().equals("response:$.email") && f.dataType().equals("email"));
        assertThat(users.responses().get(200).bodies().toString()).doesNotContain("user1@example.org");
    }

    @Test
    void continuesIncrementallyFromExportedState() {
        DiscoveryEngine all = engine();
        userTraffic(0, 40).forEach(all::accept);

        DiscoveryEngine first = engine();
        userTraffic(0, 20).forEach(first::accept);
        DiscoveryEngine second = engine();
        second.importState(first.exportState());
        userTraffic(20, 40).forEach(second::accept);

        assertThat(second.snapshot()).isEqualTo(all.snapshot());
    }

    @Test
    void literalSiblingsStayApartFromTheTemplatedRoute() {
        DiscoveryEngine engine = engine();
        userTraffic(0, 10).forEach(engine::accept);
        engine.accept(exchange(
                "GET",
                "https://api.example.com/users/me",
                "",
                200,
                "{\"id\":1}",
                T0,
                "Authorization",
                "Bearer " + jwt("user-0", "customer")));

        List<Endpoint> endpoints = engine.snapshot();
        assertThat(only(endpoints, "GET", "/users/me").calls()).isEqualTo(1);
        assertThat(only(endpoints, "GET", "/users/{userId}").calls()).isEqualTo(10);
    }

    @Test
    void snapshotsAreSortedAndRepeatable() {
        DiscoveryEngine engine = engine();
        userTraffic(0, 5).forEach(engine::accept);
        engine.accept(exchange(
                "POST", "https://api.example.com/orders", "{\"sku\":\"A-1\",\"qty\":2}", 201, "{\"id\":9}", T0));
        List<Endpoint> once = engine.snapshot();
        assertThat(once).extracting(Endpoint::key).isSorted();
        assertThat(engine.snapshot()).isEqualTo(once);
        Endpoint orders = only(once, "POST", "/orders");
        assertThat(orders.requestBodies()).containsKey("application/json");
        assertThat(orders.requestBodies()
                        .get("application/json")
                        .at("/properties/qty/type")
                        .asText())
                .isEqualTo("integer");
    }
}
