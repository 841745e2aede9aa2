package dev.vigil.guard.model;

import static dev.vigil.guard.model.Traffic.basic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.classify.Classifier;
import dev.vigil.guard.detect.Detection;
import dev.vigil.guard.detect.HeaderLookup;
import dev.vigil.guard.detect.MutableClock;
import dev.vigil.guard.detect.RequestHead;
import dev.vigil.guard.detect.StreamingJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operation's JSON schema applied to a body as it streams, chunk by chunk. */
class SchemaStreamTest {
    final ModelDetectors model = ModelDetectors.of(
            GuardModelTest.inventory(),
            List.of(),
            ModelConfig.DEFAULTS,
            Classifier.builtIn(),
            new MutableClock(Traffic.T0));

    static RequestHead post(String contentType) {
        Map<String, String> h =
                Map.of("host", "127.0.0.1", "content-type", contentType, "authorization", basic("alice"));
        return new RequestHead("api", "POST", "/orders", "", "10.0.0.1", HeaderLookup.of(h));
    }

    Detection feed(String body, int size) {
        StreamingJson json = model.bodyStream(post("application/json"));
        assertThat(json).isNotNull();
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < b.length; at += size) {
            Detection d = json.feed(b, at, Math.min(size, b.length - at));
            if (d != null) {
                return d;
            }
        }
        return json.end();
    }

    @Test
    void flagsAnUnknownTopLevelFieldAtTheEndOfALargeBody() {
        String body = "{\"item\":\"" + "pen ".repeat(50_000) + "\",\"role\":\"admin\"}";
        for (int size : new int[] {1, 777, 8192}) {
            assertThat(feed(body, size)).isInstanceOfSatisfying(Detection.SpecViolation.class, d -> {
                assertThat(d.type()).isEqualTo("spec.unknown-field");
                assertThat(d.location()).isEqualTo("body:$.role");
            });
        }
    }

    @Test
    void flagsAValueOfTheWrongTypeDeepInTheBody() {
        assertThat(feed("{\"item\":{\"nested\":[1,2,3]}}", 3))
                .extracting(Detection::type)
                .isEqualTo("spec.body-schema");
    }

    @Test
    void leavesALargeBodyThatFitsTheSchemaAlone() {
        assertThat(feed("{\"item\":\"" + "pen ".repeat(50_000) + "\"}", 1000)).isNull();
        assertThat(feed("{\"item\":\"pen\"}", 1)).isNull();
    }

    @Test
    void checksOnlyJsonBodiesOfOperationsWithASchema() {
        assertThat(model.bodyStream(post("text/plain"))).isNull();
        Map<String, String> h = Map.of("host", "127.0.0.1", "content-type", "application/json");
        assertThat(model.bodyStream(new RequestHead("api", "GET", "/orders/7", "", "10.0.0.1", HeaderLookup.of(h))))
                .isNull();
    }
}
