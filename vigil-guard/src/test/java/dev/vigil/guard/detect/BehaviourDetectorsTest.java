package dev.vigil.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BehaviourDetectorsTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void flagsACallerWalkingManyIdsOnOneEndpoint() {
        EnumerationDetector d = new EnumerationDetector(20, Duration.ofMinutes(1), clock);
        Optional<Detection> last = Optional.empty();
        for (int id = 1000; id < 1021; id++) {
            last = d.observe("jwt:mallory", "GET", "/api/orders/" + id);
        }
        assertThat(last).get().isInstanceOfSatisfying(Detection.Enumeration.class, e -> {
            assertThat(e.endpoint()).isEqualTo("GET /api/orders/{id}");
            assertThat(e.distinctIds()).isEqualTo(21);
        });
    }

    @Test
    void doesNotFlagRepeatedReadsOrSlowWalksOrOtherCallers() {
        EnumerationDetector d = new EnumerationDetector(20, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 100; i++) {
            // The same few objects read again and again: a normal client.
            assertThat(d.observe("jwt:alice", "GET", "/api/orders/" + (1000 + i % 5)))
                    .isEmpty();
        }
        for (int id = 0; id < 60; id++) {
            // One new id every 5 seconds: never more than 12 in a minute.
            clock.advance(Duration.ofSeconds(5));
            assertThat(d.observe("jwt:bob", "GET", "/api/orders/" + id)).isEmpty();
        }
        for (int c = 0; c < 40; c++) {
            // Many callers, one id each.
            assertThat(d.observe("jwt:user" + c, "GET", "/api/orders/" + c)).isEmpty();
        }
        assertThat(d.observe("jwt:x", "GET", "/api/orders/search")).isEmpty();
    }

    @Test
    void flagsCredentialStuffingBySourceAndBruteForceByAccount() {
        CredentialAttackDetector d = new CredentialAttackDetector(10, 5, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 11; i++) {
            d.recordFailure("203.0.113.5", "user" + i + "@example.com");
        }
        assertThat(d.check("203.0.113.5", "")).get().extracting(Detection::type).isEqualTo("credential-stuffing");
        for (int i = 0; i < 6; i++) {
            d.recordFailure("198.51.100." + i, "victim@example.com");
        }
        assertThat(d.check("198.51.100.200", "victim@example.com"))
                .get()
                .extracting(Detection::type)
                .isEqualTo("brute-force");
    }

    @Test
    void forgivesAFewTyposAndOldFailures() {
        CredentialAttackDetector d = new CredentialAttackDetector(10, 5, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 3; i++) {
            d.recordFailure("192.0.2.1", "carol@example.com");
        }
        assertThat(d.check("192.0.2.1", "carol@example.com")).isEmpty();
        for (int i = 0; i < 20; i++) {
            d.recordFailure("192.0.2.2", "dave@example.com");
        }
        clock.advance(Duration.ofMinutes(6));
        assertThat(d.check("192.0.2.2", "dave@example.com")).isEmpty();
    }

    @Test
    void throttlesACallerPastItsRateAndRefillsWithTime() {
        RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(1), clock);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("ip:1.2.3.4")).isEmpty();
        }
        assertThat(limiter.acquire("ip:1.2.3.4"))
                .get()
                .isInstanceOfSatisfying(Detection.RateExceeded.class, r -> assertThat(r.retryAfterSeconds())
                        .isEqualTo(1));
        assertThat(limiter.acquire("ip:5.6.7.8")).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.acquire("ip:1.2.3.4")).isEmpty();
    }

    static String jwt(String headerJson, String claimsJson) {
        return TestTokens.jwt(headerJson, claimsJson);
    }

    static RequestHead withAuth(String value) {
        return new RequestHead("api", "GET", "/", "", "10.0.0.1", HeaderLookup.of(Map.of("authorization", value)));
    }

    @Test
    void readsTheCallerFromJwtSubjectOpaqueTokensAndBasicUsers() {
        Credentials credentials = new Credentials();
        Credential jwt = credentials.of(withAuth("Bearer " + jwt("{\"alg\":\"RS256\"}", "{\"sub\":\"alice\"}")));
        assertThat(jwt.callerId("x")).isEqualTo("jwt:alice");
        Credential opaque = credentials.of(withAuth("Bearer s3cr3t-opaque-token"));
        assertThat(opaque.callerId("x")).startsWith("token:").doesNotContain("s3cr3t");
        Credential basic = credentials.of(withAuth(
                "Basic " + Base64.getEncoder().encodeToString("bob:hunter2".getBytes(StandardCharsets.UTF_8))));
        assertThat(basic.callerId("x")).isEqualTo("basic:bob");
        assertThat(basic.toString()).doesNotContain("hunter2");
        assertThat(credentials
                        .of(new RequestHead("api", "GET", "/", "", "10.0.0.9", HeaderLookup.of(Map.of())))
                        .callerId("10.0.0.9"))
                .isEqualTo("ip:10.0.0.9");
    }

    @Test
    void flagsUnsignedAndExpiredJwtsButNotValidOnes() {
        TokenMisuseDetector d = new TokenMisuseDetector(3, Duration.ofMinutes(5), Duration.ofSeconds(60), clock);
        long now = clock.instant().getEpochSecond();
        Credential none = Credentials.parse("Bearer " + jwt("{\"alg\":\"none\"}", "{\"sub\":\"a\"}"));
        assertThat(d.inspect(none, "1.1.1.1")).get().extracting(Detection::type).isEqualTo("token-misuse.alg-none");
        Credential expired = Credentials.parse(
                "Bearer " + jwt("{\"alg\":\"HS256\"}", "{\"sub\":\"a\",\"exp\":" + (now - 3600) + "}"));
        assertThat(d.inspect(expired, "1.1.1.1"))
                .get()
                .extracting(Detection::type)
                .isEqualTo("token-misuse.expired");
        Credential valid = Credentials.parse(
                "Bearer " + jwt("{\"alg\":\"HS256\"}", "{\"sub\":\"a\",\"exp\":" + (now + 3600) + "}"));
        assertThat(d.inspect(valid, "1.1.1.1")).isEmpty();
        Credential skewed =
                Credentials.parse("Bearer " + jwt("{\"alg\":\"HS256\"}", "{\"sub\":\"a\",\"exp\":" + (now - 10) + "}"));
        assertThat(d.inspect(skewed, "1.1.1.1")).isEmpty();
    }

    @Test
    void flagsOneTokenUsedFromManySourcesButNotFromAFew() {
        TokenMisuseDetector d = new TokenMisuseDetector(3, Duration.ofMinutes(5), Duration.ofSeconds(60), clock);
        Credential shared = Credentials.parse("Bearer leaked-token-value");
        for (int i = 1; i <= 3; i++) {
            assertThat(d.inspect(shared, "10.0.0." + i)).isEmpty();
            assertThat(d.inspect(shared, "10.0.0." + i)).isEmpty();
        }
        assertThat(d.inspect(shared, "10.0.0.4"))
                .get()
                .extracting(Detection::type)
                .isEqualTo("token-misuse.shared-across-sources");
    }
}
