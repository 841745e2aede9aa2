package dev.vigil.guard.policy;

import dev.vigil.guard.alert.Alert;
import dev.vigil.guard.alert.AlertLog;
import dev.vigil.guard.detect.ApiProtocolDetector;
import dev.vigil.guard.detect.ApiProtocolStream;
import dev.vigil.guard.detect.Credential;
import dev.vigil.guard.detect.CredentialAttackDetector;
import dev.vigil.guard.detect.Credentials;
import dev.vigil.guard.detect.Detection;
import dev.vigil.guard.detect.EnumerationDetector;
import dev.vigil.guard.detect.InjectionDetector;
import dev.vigil.guard.detect.RateLimiter;
import dev.vigil.guard.detect.Redaction;
import dev.vigil.guard.detect.RequestHead;
import dev.vigil.guard.detect.StreamingInjectionScanner;
import dev.vigil.guard.detect.TokenMisuseDetector;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The detectors and decision rules of one route, built from its {@link RoutePolicy}. */
final class RouteGuard {
    private static final Pattern ACCOUNT_FIELD = Pattern.compile(
            "(?:\"(?:username|user|email|login|account)\"\\s*:\\s*\"([^\"]{1,200})\")"
                    + "|(?:(?:^|&)(?:username|user|email|login|account)=([^&]{1,200}))",
            Pattern.CASE_INSENSITIVE);

    private final RoutePolicy policy;
    private final Clock clock;
    private final AlertLog alerts;
    private final Credentials credentials;
    private final InjectionDetector injection;
    private final RateLimiter rate;
    private final EnumerationDetector enumeration;
    private final CredentialAttackDetector credentialAttacks;
    private final TokenMisuseDetector tokens;
    private final ApiProtocolDetector protocols;

    RouteGuard(RoutePolicy policy, Clock clock, AlertLog alerts, Credentials credentials) {
        this.policy = policy;
        this.clock = clock;
        this.alerts = alerts;
        this.credentials = credentials;
        this.injection = policy.injection() ? new InjectionDetector() : null;
        this.protocols = new ApiProtocolDetector(policy.graphql(), policy.mcp());
        this.rate = policy.rateLimit().enabled()
                ? new RateLimiter(
                        policy.rateLimit().requests(), policy.rateLimit().per(), clock)
                : null;
        this.enumeration = policy.enumeration().enabled()
                ? new EnumerationDetector(
                        policy.enumeration().maxDistinctIds(),
                        policy.enumeration().window(),
                        clock)
                : null;
        RoutePolicy.CredentialAttacks ca = policy.credentialAttacks();
        this.credentialAttacks = ca.enabled()
                ? new CredentialAttackDetector(
                        ca.maxFailuresPerSource() == 0 ? Integer.MAX_VALUE - 1 : ca.maxFailuresPerSource(),
                        ca.maxFailuresPerAccount() == 0 ? Integer.MAX_VALUE - 1 : ca.maxFailuresPerAccount(),
                        ca.window(),
                        clock)
                : null;
        this.tokens = policy.tokens().enabled()
                ? new TokenMisuseDetector(
                        policy.tokens().maxSourcesPerToken(),
                        policy.tokens().window(),
                        policy.tokens().expiryLeeway(),
                        clock)
                : null;
    }

    RoutePolicy policy() {
        return policy;
    }

    /** Per-caller and per-source state this route's detectors forgot at their memory caps. */
    long evictions() {
        return (rate == null ? 0 : rate.evictions())
                + (enumeration == null ? 0 : enumeration.evictions())
                + (credentialAttacks == null ? 0 : credentialAttacks.evictions())
                + (tokens == null ? 0 : tokens.evictions());
    }

    Admission admit(RequestHead head) {
        String source = head.sourceAddress();
        for (IpRange r : policy.deny()) {
            if (r.contains(source)) {
                Detection d = new Detection.DeniedSource(source);
                alert(head, "blocked", d, "ip:" + source);
                return new Admission.Refuse(403, "blocked", "Request blocked by policy", 0);
            }
        }
        for (IpRange r : policy.allow()) {
            if (r.contains(source)) {
                return Admission.FORWARD;
            }
        }
        Credential credential = credentials.of(head);
        String caller = credential.callerId(source);
        List<Detection> found = null;
        long retryAfter = 0;
        if (rate != null) {
            Optional<Detection> d = rate.acquire(caller);
            if (d.isPresent()) {
                found = add(found, d.get());
                retryAfter = ((Detection.RateExceeded) d.get()).retryAfterSeconds();
            }
        }
        if (injection != null) {
            for (Detection d : injection.inspect(head)) {
                found = add(found, d);
            }
        }
        if (head.rawQuery().contains("query=")) {
            for (Detection d : protocols.inspectQuery(head.rawQuery())) {
                found = add(found, d);
            }
        }
        if (tokens != null) {
            found = add(found, tokens.inspect(credential, source));
        }
        // One clock read for the windowed detectors (they share this route's clock).
        long now = enumeration != null || credentialAttacks != null ? clock.millis() : 0;
        if (enumeration != null) {
            found = add(found, enumeration.observe(caller, head.method(), head.path(), now));
        }
        if (credentialAttacks != null) {
            found = add(found, credentialAttacks.check(source, credential.account(), now));
        }
        if (found == null) {
            return Admission.FORWARD;
        }
        return decide(head, caller, found, retryAfter);
    }

    private Admission decide(RequestHead head, String caller, List<Detection> found, long rateRetryAfter) {
        boolean onlyRate = found.stream().allMatch(d -> d instanceof Detection.RateExceeded);
        record Outcome(Admission admission, String action) {}
        Outcome outcome =
                switch (policy.mode()) {
                    case MONITOR -> new Outcome(Admission.FORWARD, "monitored");
                    case BLOCK ->
                        onlyRate
                                ? new Outcome(
                                        new Admission.Refuse(429, "throttled", "Too many requests", rateRetryAfter),
                                        "throttled")
                                : new Outcome(
                                        new Admission.Refuse(403, "blocked", "Request blocked by policy", 0),
                                        "blocked");
                    case THROTTLE -> {
                        long retry = onlyRate ? rateRetryAfter : Math.max(rateRetryAfter, policy.throttleSeconds());
                        yield new Outcome(
                                new Admission.Refuse(429, "throttled", "Too many requests", Math.max(1, retry)),
                                "throttled");
                    }
                };
        for (Detection d : found) {
            alert(head, outcome.action(), d, caller);
        }
        return outcome.admission();
    }

    /** Bodies are held for inline checks only where a finding can still change the outcome. */
    int bodyInspectionLimit() {
        return policy.mode() != RoutePolicy.Mode.MONITOR ? policy.inspectBodyBytes() : 0;
    }

    /**
     * Injection signatures, MCP tool lists and GraphQL limits in a streamed body, in block and
     * throttle modes, over its first {@code streamInspectBytes} bytes; the rest passes unchecked. The
     * captured part is still judged after forwarding, which catches what a stream check cannot (a raw
     * {@code application/graphql} document, a JSON string past the parser's bound).
     */
    StreamCheck streamCheck(RequestHead head) {
        if (policy.mode() == RoutePolicy.Mode.MONITOR || policy.streamInspectBytes() == 0) {
            return StreamCheck.NONE;
        }
        StreamCheck tools = protocolCheck(head);
        if (injection == null) {
            return tools;
        }
        StreamingInjectionScanner scanner = new StreamingInjectionScanner(head.header("content-type"));
        if (!scanner.inspects()) {
            return tools;
        }
        long limit = policy.streamInspectBytes();
        return StreamCheck.both(injectionCheck(head, scanner, limit), tools);
    }

    /** MCP tool lists and GraphQL limits on a streamed JSON body, over its first {@code streamInspectBytes}. */
    private StreamCheck protocolCheck(RequestHead head) {
        ApiProtocolStream stream = protocols.protocolStream(head.header("content-type"));
        if (stream == null) {
            return StreamCheck.NONE;
        }
        long limit = policy.streamInspectBytes();
        return StreamCheck.limited(
                limit,
                stream::feed,
                stream::end,
                d -> decide(head, credentials.of(head).callerId(head.sourceAddress()), List.of(d), 0));
    }

    private StreamCheck injectionCheck(RequestHead head, StreamingInjectionScanner scanner, long limit) {
        return StreamCheck.limited(
                limit,
                scanner::feed,
                scanner::end,
                d -> decide(head, credentials.of(head).callerId(head.sourceAddress()), List.of(d), 0));
    }

    Admission admitBody(RequestHead head, byte[] body, int length) {
        List<Detection> found = bodyFindings(head, body, length);
        if (found == null) {
            return Admission.FORWARD;
        }
        return decide(head, credentials.of(head).callerId(head.sourceAddress()), found, 0);
    }

    void completed(RequestHead head, Outcome outcome) {
        int status = outcome.status();
        byte[] body = outcome.requestBody();
        int bodyLength = outcome.requestBodyLength();
        String source = head.sourceAddress();
        if (credentialAttacks != null && isAuthFailure(head, status)) {
            Credential credential = credentials.of(head);
            String account = credential.account();
            if (account.isEmpty()) {
                account = accountFromBody(body, bodyLength);
            }
            credentialAttacks.recordFailure(source, account);
        }
        if (!outcome.bodyChecked() && body != null && bodyLength > 0) {
            List<Detection> found = bodyFindings(head, body, bodyLength);
            if (found != null) {
                String caller = credentials.of(head).callerId(source);
                for (Detection d : found) {
                    alert(head, "detected-after-forwarding", d, caller);
                }
            }
        }
    }

    private List<Detection> bodyFindings(RequestHead head, byte[] body, int length) {
        String contentType = head.header("content-type");
        List<Detection> found = null;
        if (injection != null) {
            for (Detection d : injection.inspectBody(body, length, contentType)) {
                found = add(found, d);
            }
        }
        for (Detection d : protocols.inspectBody(body, length, contentType)) {
            found = add(found, d);
        }
        return found;
    }

    private boolean isAuthFailure(RequestHead head, int status) {
        if (status == 401) {
            return true;
        }
        if (status < 400 || status >= 500 || status == 404 || status == 429) {
            return false;
        }
        for (String p : policy.loginPaths()) {
            if (head.path().startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    static String accountFromBody(byte[] body, int length) {
        if (body == null || length == 0) {
            return "";
        }
        Matcher m = ACCOUNT_FIELD.matcher(new String(body, 0, Math.min(length, 4096), StandardCharsets.UTF_8));
        if (!m.find()) {
            return "";
        }
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    private static List<Detection> add(List<Detection> found, Optional<Detection> d) {
        return d.isPresent() ? add(found, d.get()) : found;
    }

    private static List<Detection> add(List<Detection> found, Detection d) {
        List<Detection> out = found == null ? new ArrayList<>(2) : found;
        out.add(d);
        return out;
    }

    private void alert(RequestHead head, String action, Detection d, String caller) {
        alerts.add(new Alert(
                alerts.nextSequence(),
                clock.instant(),
                head.route(),
                action,
                d.type(),
                d.evidence(),
                head.sourceAddress(),
                Redaction.excerpt(caller),
                head.method(),
                Redaction.excerpt(head.path())));
    }
}
