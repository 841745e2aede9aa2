package dev.vigil.scan.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.http.HttpResult;
import dev.vigil.traffic.Header;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl";

    @Test
    void replacesKnownSecretsWithShellVariablesAndHidesUnknownCredentials() {
        Redactor r = new Redactor(Map.of("alice", List.of("tok-alice-123", "pw-alice")));
        Attempt a = new Attempt(
                "alice",
                new HttpCall(
                        "POST",
                        URI.create("http://127.0.0.1:1/x?key=tok-alice-123"),
                        List.of(
                                new Header("Authorization", "Bearer tok-alice-123"),
                                new Header("Cookie", "sid=abc123; theme=dark"),
                                new Header("X-Other", JWT)),
                        "{\"password\":\"pw-alice\",\"note\":\"it's \\\"quoted\\\" $HOME\"}"),
                new HttpResult(
                        200,
                        List.of(new Header("Set-Cookie", "sid=zzz; Path=/")),
                        "{\"token\":\"" + JWT + "\"}",
                        1,
                        ""));
        Evidence e = r.evidence(a);
        assertThat(e.url()).isEqualTo("http://127.0.0.1:1/x?key=$VIGIL_SECRET_ALICE");
        assertThat(e.requestHeaders())
                .containsExactly(
                        new Header("Authorization", "Bearer $VIGIL_SECRET_ALICE"),
                        new Header("Cookie", "sid=[REDACTED]; theme=[REDACTED]"),
                        new Header("X-Other", "[REDACTED-JWT]"));
        assertThat(e.requestBody()).doesNotContain("pw-alice");
        assertThat(e.responseBody()).isEqualTo("{\"token\":\"[REDACTED-JWT]\"}");
        assertThat(e.responseHeaders()).containsExactly(new Header("Set-Cookie", "sid=[REDACTED]; Path=/"));
        assertThat(e.curl())
                .startsWith("curl -i -X POST \"http://127.0.0.1:1/x?key=$VIGIL_SECRET_ALICE\"")
                .contains("-H \"Authorization: Bearer $VIGIL_SECRET_ALICE\"")
                .contains("\\$HOME")
                .contains("\\\"quoted");
    }

    @Test
    void hidesValuesOfSecretNamedQueryParametersFormFieldsAndJsonFields() {
        assertThat(Redactor.secretPairs("http://h/x?page=2&access_token=abc&client-secret=s3&q=token"))
                .isEqualTo("http://h/x?page=2&access_token=[REDACTED]&client-secret=[REDACTED]&q=token");
        assertThat(Redactor.secretFields(
                        "grant_type=password&username=eve&password=pw1",
                        java.util.Optional.of("application/x-www-form-urlencoded; charset=UTF-8")))
                .isEqualTo("grant_type=password&username=eve&password=[REDACTED]");
        assertThat(Redactor.secretFields(
                        "{\"name\":\"eve\",\"refreshToken\":\"r-1\",\"nested\":{\"api_key\":\"k\\\"x\"}}",
                        java.util.Optional.empty()))
                .isEqualTo(
                        "{\"name\":\"eve\",\"refreshToken\":\"[REDACTED]\",\"nested\":{\"api_key\":\"[REDACTED]\"}}");
    }

    @Test
    void redactsJsonBodiesWithMegabyteStringsWithoutRunningOutOfStack() {
        String big = "x".repeat(1 << 20) + "\\\"" + "y".repeat(1 << 16);
        String body = "{\"firstName\":\"" + big + "\",\"password\":\"pw1\"}";
        String out = Redactor.secretFields(body, java.util.Optional.of("application/json"));
        assertThat(out).endsWith("\"password\":\"[REDACTED]\"}").contains(big);
    }

    @Test
    void keepsOrdinaryFieldsAndAlreadyRedactedSecretsReadable() {
        assertThat(Redactor.secretPairs("http://h/x?page=2&sort=name&author=bob"))
                .isEqualTo("http://h/x?page=2&sort=name&author=bob");
        assertThat(Redactor.secretFields(
                        "{\"password\":\"$VIGIL_SECRET_ALICE\",\"title\":\"my password policy\",\"tokens\":3}",
                        java.util.Optional.of("application/json")))
                .isEqualTo("{\"password\":\"$VIGIL_SECRET_ALICE\",\"title\":\"my password policy\",\"tokens\":3}");
    }
}
