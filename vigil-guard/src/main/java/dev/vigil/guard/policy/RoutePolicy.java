package dev.vigil.guard.policy;

import dev.vigil.guard.detect.ApiProtocolDetector;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the guard does on one route. Thresholds of 0 switch a detector off.
 *
 * @param mode what happens when something is detected
 * @param onError what happens when the guard's own analysis throws
 * @param allow sources that skip analysis entirely (trusted scanners, health checks)
 * @param deny sources always refused with 403, in every mode
 * @param throttleSeconds Retry-After for non-rate detections in throttle mode
 * @param loginPaths path prefixes where any 4xx (not only 401) counts as a failed login
 * @param inspectBodyBytes in block and throttle modes, request bodies with a Content-Length up to
 *     this are held and checked before forwarding; larger or chunked bodies stream and are checked
 *     afterwards
 * @param graphql GraphQL limits (introspection, depth, aliases, batch size)
 * @param mcp which MCP tools may be called through JSON-RPC {@code tools/call}
 * @param streamInspectBytes in block and throttle modes, how many bytes of a request body too large
 *     to hold are inspected as they stream upstream (a finding aborts the request before its end
 *     reaches the upstream); bytes past this pass unchecked. 0 switches streaming inspection off
 */
public record RoutePolicy(
        Mode mode,
        FailMode onError,
        List<IpRange> allow,
        List<IpRange> deny,
        boolean injection,
        RateLimit rateLimit,
        Enumeration enumeration,
        CredentialAttacks credentialAttacks,
        Tokens tokens,
        long throttleSeconds,
        List<String> loginPaths,
        int inspectBodyBytes,
        ApiProtocolDetector.GraphqlLimits graphql,
        ApiProtocolDetector.McpTools mcp,
        long streamInspectBytes) {

    public RoutePolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(onError, "onError");
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(enumeration, "enumeration");
        Objects.requireNonNull(credentialAttacks, "credentialAttacks");
        Objects.requireNonNull(tokens, "tokens");
        loginPaths = List.copyOf(loginPaths);
        Objects.requireNonNull(graphql, "graphql");
        Objects.requireNonNull(mcp, "mcp");
        if (streamInspectBytes < 0) {
            throw new IllegalArgumentException("streamInspectBytes must be >= 0");
        }
    }

    /** Monitor everything with moderate thresholds and no rate limit; analysis errors fail open. */
    public static final RoutePolicy DEFAULT = new RoutePolicy(
            Mode.MONITOR,
            FailMode.OPEN,
            List.of(),
            List.of(),
            true,
            new RateLimit(0, Duration.ofSeconds(1)),
            new Enumeration(100, Duration.ofMinutes(1)),
            new CredentialAttacks(20, 10, Duration.ofMinutes(5)),
            new Tokens(10, Duration.ofMinutes(5), Duration.ofSeconds(60)),
            60,
            List.of("/login", "/signin", "/auth", "/oauth/token", "/token", "/session"),
            16 * 1024,
            new ApiProtocolDetector.GraphqlLimits(false, 15, 50, 20),
            new ApiProtocolDetector.McpTools(java.util.Set.of(), java.util.Set.of()),
            16L * 1024 * 1024);

    public enum Mode {
        MONITOR,
        BLOCK,
        THROTTLE
    }

    public enum FailMode {
        OPEN,
        CLOSED
    }

    /** {@code requests} per {@code per} and caller; 0 requests means unlimited. */
    public record RateLimit(long requests, Duration per) {
        public boolean enabled() {
            return requests > 0;
        }
    }

    /** More than {@code maxDistinctIds} ids on one endpoint by one caller within {@code window}. */
    public record Enumeration(int maxDistinctIds, Duration window) {
        public boolean enabled() {
            return maxDistinctIds > 0;
        }
    }

    /** Failed logins allowed per source and per account within {@code window}. */
    public record CredentialAttacks(int maxFailuresPerSource, int maxFailuresPerAccount, Duration window) {
        public boolean enabled() {
            return maxFailuresPerSource > 0 || maxFailuresPerAccount > 0;
        }
    }

    /** Source addresses allowed per token within {@code window}; leeway for JWT expiry. */
    public record Tokens(int maxSourcesPerToken, Duration window, Duration expiryLeeway) {
        public boolean enabled() {
            return maxSourcesPerToken > 0;
        }
    }
}
