package dev.vigil.scan;

import dev.vigil.scan.http.Attempt;
import java.util.List;
import java.util.Objects;

/**
 * A confirmed vulnerability: which catalog test proved it, on which operation ({@code method} and
 * {@code pathTemplate} on {@code host}), as which identity, at which input ({@code location}, may be
 * empty), how sure ({@code confidence} in [0,1]), and the raw attempts that prove it. Raw attempts
 * hold secrets: reports redact them (see {@code dev.vigil.scan.report.EvidenceRedactor}).
 */
public record Finding(
        String testId,
        String title,
        Severity severity,
        double confidence,
        String owasp,
        List<String> cwe,
        String host,
        String method,
        String pathTemplate,
        String identity,
        String location,
        String detail,
        String remediation,
        List<Attempt> evidence) {
    public Finding {
        Objects.requireNonNull(testId, "testId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        cwe = List.copyOf(cwe);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        identity = identity == null ? "" : identity;
        location = location == null ? "" : location;
        detail = detail == null ? "" : detail;
        remediation = remediation == null ? "" : remediation;
        evidence = List.copyOf(evidence);
    }

    public String operation() {
        return method + " " + pathTemplate;
    }

    /**
     * Stable identity of the finding across runs: test, host name, operation, identity and input, hashed.
     * Independent of timing, evidence bodies and confidence so baselines and suppressions keep working.
     */
    public String fingerprint() {
        // the port is left out: the same API on another port (a test server, a new deployment) is the same finding
        String hostName = host.contains(":") && !host.startsWith("[") ? host.substring(0, host.lastIndexOf(':')) : host;
        String key = String.join("|", testId, hostName, method, pathTemplate, identity, location);
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    public String confidenceLabel() {
        return confidence >= 0.9 ? "high" : confidence >= 0.6 ? "medium" : "low";
    }
}
