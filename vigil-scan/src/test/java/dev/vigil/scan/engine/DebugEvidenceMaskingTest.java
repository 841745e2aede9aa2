package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.http.HttpResult;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Debug-page evidence keeps names and structure but never the target's configuration values. */
class DebugEvidenceMaskingTest {
    private static String mask(String body) {
        return ExposureRunners.masked(new Attempt(
                        "anonymous",
                        HttpCall.get(URI.create("http://api.test/.env")),
                        new HttpResult(200, List.of(), body, 1, "")))
                .result()
                .body();
    }

    @Test
    void masksEnvFileValuesAndActuatorPropertyValues() {
        assertThat(mask("DB_PASSWORD=hunter2\n# comment\nAPI_KEY = sk_live_123\n"))
                .contains("DB_PASSWORD=[masked by vigil]", "API_KEY = [masked by vigil]", "# comment")
                .doesNotContain("hunter2", "sk_live_123");
        assertThat(mask("{\"propertySources\":[{\"name\":\"env\",\"properties\":{\"SECRET\":{\"value\":\"s3cr\\\"et\"},"
                        + "\"PORT\":{\"value\":8080}}}]}"))
                .contains("\"propertySources\"", "\"SECRET\"", "\"value\":\"[masked by vigil]\"")
                .doesNotContain("s3cr", "8080");
    }
}
