package dev.vigil.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final Redactor REDACTOR = new Redactor(Classifier.builtIn());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> SECRETS = List.of(
            Samples.JWT,
            Samples.AWS_KEY_ID,
            Samples.GITHUB_TOKEN,
            Samples.STRIPE_KEY,
            Samples.SLACK_TOKEN,
            "hunter2",
            "536-22-1234",
            "alice.smith@example.com");

    private static void assertNoSecretIn(String output) {
        for (String s : SECRETS) {
            assertThat(output).doesNotContain(s);
        }
        assertThat(output).doesNotContain("4111 1111 1111 1111").doesNotContain("4111111111111111");
        assertThat(output).doesNotContain("MIIEowIBAAKCAQEA");
    }

    @Test
    void redactsSensitiveValuesAndKeepsCardLastFour() {
        assertThat(REDACTOR.redactValue("email", "alice.smith@example.com")).isEqualTo("<redacted:email>");
        assertThat(REDACTOR.redactValue("card", "4111 1111 1111 1111")).isEqualTo("<redacted:credit_card last4=1111>");
        assertThat(REDACTOR.redactValue("password", "hunter2")).isEqualTo("<redacted:password>");
    }

    @Test
    void leavesOrdinaryValuesUntouched() {
        assertThat(REDACTOR.redactValue("status", "active")).isEqualTo("active");
        assertThat(REDACTOR.redactValue("orderId", "4000056655665556")).isEqualTo("4000056655665556");
        assertThat(REDACTOR.redactValue("password_policy", "Must be at least 8 characters long"))
                .isEqualTo("Must be at least 8 characters long");
        assertThat(REDACTOR.redactValue("requestId", "3f1c2a9e-5b7d-4c3e-9f0a-1b2c3d4e5f60"))
                .isEqualTo("3f1c2a9e-5b7d-4c3e-9f0a-1b2c3d4e5f60");
    }

    @Test
    void redactsSecretsEmbeddedInLongStringValues() {
        String note = "Customer said: my card is 4111 1111 1111 1111, call +1 650-253-0000";
        String out = REDACTOR.redactValue("note", note);
        assertThat(out).startsWith("Customer said: my card is <redacted:credit_card last4=1111>");
        assertThat(out).doesNotContain("650-253-0000");
    }

    @Test
    void redactsSecretsInsideJsonEmbeddedInAString() {
        String out = REDACTOR.redactValue("payload", "{\"password\":\"hunter2\",\"ok\":1}");
        assertThat(out).isEqualTo("{\"password\":\"<redacted:password>\",\"ok\":1}");
    }

    @Test
    void redactsTokensInUrlQueryStrings() {
        String out = REDACTOR.redactHeader(
                "Location", "https://app.example.com/cb?state=xyz&access_token=" + Samples.GITHUB_TOKEN + "&n=1");
        assertThat(out)
                .doesNotContain(Samples.GITHUB_TOKEN)
                .contains("state=xyz")
                .endsWith("&n=1");
    }

    @Test
    void authorizationHeaderKeepsSchemeOnly() {
        assertThat(REDACTOR.redactHeader("Authorization", "Bearer " + Samples.JWT))
                .isEqualTo("Bearer <redacted:credentials>");
        assertThat(REDACTOR.redactHeader("proxy-authorization", "Basic dXNlcjpodW50ZXIy"))
                .isEqualTo("Basic <redacted:credentials>");
        assertThat(REDACTOR.redactHeader("Authorization", "opaque")).isEqualTo("<redacted:credentials>");
    }

    @Test
    void cookiesKeepNamesAndAttributes() {
        assertThat(REDACTOR.redactHeader("Cookie", "sid=abc123; theme=dark"))
                .isEqualTo("sid=<redacted:cookie>; theme=<redacted:cookie>");
        assertThat(REDACTOR.redactHeader("Set-Cookie", "sid=abc123; Path=/; HttpOnly; Secure"))
                .isEqualTo("sid=<redacted:cookie>; Path=/; HttpOnly; Secure");
    }

    @Test
    void apiKeyAndTokenHeadersAreAlwaysRedacted() {
        for (String h :
                List.of("X-API-Key", "x-auth-token", "X-Amz-Security-Token", "X-Custom-Secret", "X-Client-Api-Key")) {
            assertThat(REDACTOR.redactHeader(h, "short")).as(h).isEqualTo("<redacted:credentials>");
        }
    }

    @Test
    void ordinaryHeadersPassUnlessTheyCarrySecrets() {
        assertThat(REDACTOR.redactHeader("Content-Type", "application/json")).isEqualTo("application/json");
        assertThat(REDACTOR.redactHeader("Accept-Language", "en-GB,en;q=0.9")).isEqualTo("en-GB,en;q=0.9");
        assertThat(REDACTOR.redactHeader("Idempotency-Key", "order-42")).isEqualTo("order-42");
        assertThat(REDACTOR.redactHeader("X-Forwarded-For", "203.0.113.195")).isEqualTo("<redacted:ip_address>");
        assertThat(REDACTOR.redactHeader("X-Debug", "token " + Samples.GITHUB_TOKEN))
                .doesNotContain(Samples.GITHUB_TOKEN);
    }

    @Test
    void redactsJsonByKeyAndLeavesTheOriginalUntouched() throws Exception {
        JsonNode body = JSON.readTree("""
                {"user": {"email": "alice.smith@example.com", "password": "hunter2", "ssn": "536-22-1234",
                  "id": 4000056655665556, "active": true, "age": 42},
                 "cards": [{"number": 4111111111111111}, "4111 1111 1111 1111"],
                 "tokens": ["%s"], "notes": "key %s leaked", "orderId": "4000056655665556"}
                """.formatted(Samples.JWT, Samples.AWS_KEY_ID));
        String original = body.toString();
        JsonNode out = REDACTOR.redactJson(body);
        assertThat(body.toString()).isEqualTo(original);
        assertNoSecretIn(out.toString());
        assertThat(out.at("/user/email").asText()).isEqualTo("<redacted:email>");
        assertThat(out.at("/user/id").asLong()).isEqualTo(4000056655665556L);
        assertThat(out.at("/user/active").asBoolean()).isTrue();
        assertThat(out.at("/user/age").asInt()).isEqualTo(42);
        assertThat(out.at("/cards/0/number").asText()).isEqualTo("<redacted:credit_card last4=1111>");
        assertThat(out.at("/tokens/0").asText()).isEqualTo("<redacted:jwt>");
        assertThat(out.at("/notes").asText()).isEqualTo("key <redacted:aws_access_key_id> leaked");
        assertThat(out.at("/orderId").asText()).isEqualTo("4000056655665556");
    }

    @Test
    void redactsJsonBodies() {
        String out = REDACTOR.redactBody(
                "application/vnd.api+json; charset=utf-8",
                "{\"password\":\"hunter2\",\"token\":\"" + Samples.JWT + "\"}");
        assertNoSecretIn(out);
        assertThat(out).isEqualTo("{\"password\":\"<redacted:password>\",\"token\":\"<redacted:jwt>\"}");
    }

    @Test
    void redactsFormBodies() {
        String out = REDACTOR.redactBody(
                "application/x-www-form-urlencoded",
                "username=alice&password=hunter2&email=alice.smith%40example.com&remember=true");
        assertNoSecretIn(out);
        assertThat(out).doesNotContain("alice.smith%40example.com");
        assertThat(out)
                .startsWith("username=alice&password=%3Credacted%3Apassword%3E&")
                .endsWith("&remember=true");
    }

    @Test
    void scansFreeTextForSecrets() {
        String log = """
                2024-01-02T03:04:05Z INFO login user=alice.smith@example.com password=hunter2
                Authorization: Bearer %s
                aws key %s, stripe %s.
                slack=%s gh:%s
                card 4111 1111 1111 1111 ssn 536-22-1234
                %s
                version 1.2.3.4 build 20240102 order 4000056655665557
                """.formatted(
                        Samples.JWT,
                        Samples.AWS_KEY_ID,
                        Samples.STRIPE_KEY,
                        Samples.SLACK_TOKEN,
                        Samples.GITHUB_TOKEN,
                        Samples.PEM);
        String out = REDACTOR.redactBody("text/plain", log);
        assertNoSecretIn(out);
        assertThat(out).contains("version 1.2.3.4 build 20240102 order 4000056655665557");
        assertThat(out).contains("Bearer <redacted:");
        assertThat(out).contains("stripe <redacted:stripe_secret_key>.");
    }

    @Test
    void redactsMultipartFieldsByNameAndScansFileParts() {
        String body = "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"username\"\r\n\r\nalice\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"password\"\r\n\r\nhunter2\r\n"
                + "--XyZ\r\n"
                + "Content-Disposition: form-data; name=\"upload\"; filename=\"a.env\"\r\n"
                + "Content-Type: text/plain\r\n\r\nSTRIPE=" + Samples.STRIPE_KEY + "\r\n"
                + "--XyZ--\r\n";
        String out = REDACTOR.redactBody("multipart/form-data; boundary=XyZ", body);
        assertNoSecretIn(out);
        assertThat(out)
                .contains("name=\"username\"\r\n\r\nalice\r\n")
                .contains("name=\"password\"\r\n\r\n<redacted:password>\r\n")
                .endsWith("--XyZ--\r\n");
    }

    @Test
    void redactsXmlElementsByName() {
        String out = REDACTOR.redactBody(
                "application/soap+xml",
                "<login><user>alice</user><ns:password>hunter2</ns:password><ssn>536-22-1234</ssn></login>");
        assertNoSecretIn(out);
        assertThat(out)
                .isEqualTo("<login><user>alice</user><ns:password><redacted:password></ns:password>"
                        + "<ssn><redacted:us_ssn></ssn></login>");
    }

    @Test
    void proseAfterAuthSchemeWordsIsKept() {
        String prose = "Basic information about the Bearer instruments; Token economics explained.";
        assertThat(REDACTOR.redactBody("text/plain", prose)).isEqualTo(prose);
        assertThat(REDACTOR.redactBody("text/plain", "curl -H 'Authorization: Basic dXNlcjpodW50ZXIy'"))
                .isEqualTo("curl -H 'Authorization: Basic <redacted:credentials>'");
    }

    @Test
    void unparsableJsonFallsBackToTextScanning() {
        String out = REDACTOR.redactBody("application/json", "{\"password\": \"hunter2\", broken");
        assertNoSecretIn(out);
    }

    @Test
    void sniffsJsonWhenMediaTypeIsMissing() {
        assertThat(REDACTOR.redactBody(null, "{\"ssn\":\"536-22-1234\"}")).isEqualTo("{\"ssn\":\"<redacted:us_ssn>\"}");
    }
}
