package dev.vigil.guard.detect;

import java.time.Duration;
import java.util.Objects;

/**
 * Something a detector found in live traffic. Every variant carries only redacted evidence: never a
 * token, password or full header value, so detections can be stored and shown as they are.
 */
public sealed interface Detection {
    /** Stable machine name, used in alerts and policies. */
    String type();

    /** A short human-readable, redacted description. */
    String evidence();

    /** Kinds of injection the signature detector knows. */
    enum InjectionKind {
        SQL,
        XSS,
        COMMAND,
        PATH_TRAVERSAL,
        JNDI,
        SSRF
    }

    /** A request part matches an injection signature. {@code location} is like {@code query:id} or {@code path}. */
    record Injection(InjectionKind kind, String location, String rule, String excerpt) implements Detection {
        public Injection {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(rule, "rule");
            excerpt = Redaction.excerpt(excerpt);
        }

        @Override
        public String type() {
            return "injection." + kind.name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public String evidence() {
            return rule + " in " + location + ": " + excerpt;
        }
    }

    /** One caller touched many distinct object ids on one templated endpoint within a window. */
    record Enumeration(String endpoint, String caller, int distinctIds, Duration window) implements Detection {
        @Override
        public String type() {
            return "enumeration";
        }

        @Override
        public String evidence() {
            return caller + " requested " + distinctIds + " distinct ids on " + endpoint + " within " + window;
        }
    }

    /** Whether authentication failures piled up for one source (stuffing) or one account (brute force). */
    enum AuthFailureScope {
        SOURCE,
        ACCOUNT
    }

    /** Too many authentication failures by one source or against one account within a window. */
    record CredentialAttack(AuthFailureScope scope, String subject, int failures, Duration window)
            implements Detection {
        @Override
        public String type() {
            return scope == AuthFailureScope.SOURCE ? "credential-stuffing" : "brute-force";
        }

        @Override
        public String evidence() {
            return failures + " authentication failures for " + scope.name().toLowerCase(java.util.Locale.ROOT) + " "
                    + subject + " within " + window;
        }
    }

    /** A caller exceeded its request rate; {@code retryAfterSeconds} is when a request would pass again. */
    record RateExceeded(String caller, long retryAfterSeconds) implements Detection {
        @Override
        public String type() {
            return "rate-limit";
        }

        @Override
        public String evidence() {
            return caller + " exceeded the request rate; retry after " + retryAfterSeconds + "s";
        }
    }

    /** Why a token is being misused. */
    enum TokenProblem {
        ALG_NONE,
        EXPIRED,
        SHARED_ACROSS_SOURCES
    }

    /** A bearer token used in a way a legitimate client would not. {@code token} is a fingerprint, never the token. */
    record TokenMisuse(TokenProblem problem, String token, String detail) implements Detection {
        @Override
        public String type() {
            return "token-misuse."
                    + problem.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        @Override
        public String evidence() {
            return "token " + token + ": " + detail;
        }
    }

    /**
     * A GraphQL operation shaped like abuse: {@code problem} is {@code introspection}, {@code depth},
     * {@code aliases} or {@code batch}.
     */
    record GraphqlAbuse(String problem, String detail) implements Detection {
        @Override
        public String type() {
            return "graphql." + problem;
        }

        @Override
        public String evidence() {
            return detail;
        }
    }

    /** An MCP (JSON-RPC) {@code tools/call} for a tool the policy does not allow. */
    record McpToolDenied(String tool) implements Detection {
        public McpToolDenied {
            tool = Redaction.excerpt(tool);
        }

        @Override
        public String type() {
            return "mcp.tool-denied";
        }

        @Override
        public String evidence() {
            return "tools/call for tool '" + tool + "'";
        }
    }

    /** The source address is on the route's deny list. */
    record DeniedSource(String address) implements Detection {
        @Override
        public String type() {
            return "denied-source";
        }

        @Override
        public String evidence() {
            return "source " + address + " is on the deny list";
        }
    }

    /** Which part of the positive (learned or documented) model a request broke. */
    enum ModelViolation {
        UNKNOWN_ENDPOINT,
        TYPE_MISMATCH,
        FORMAT_MISMATCH,
        UNEXPECTED_PARAMETER,
        OVERSIZED_VALUE,
        BODY_SCHEMA,
        UNKNOWN_FIELD
    }

    /**
     * A request outside the positive model of its endpoint. {@code location} is like {@code query:id},
     * {@code path:userId} or {@code body:$.role}; {@code detail} never quotes more than a redacted excerpt.
     */
    record SpecViolation(ModelViolation violation, String endpoint, String location, String detail)
            implements Detection {
        public SpecViolation {
            Objects.requireNonNull(violation, "violation");
            Objects.requireNonNull(endpoint, "endpoint");
            // Query and field names come from the client and may carry anything.
            location = Redaction.excerpt(Objects.requireNonNull(location, "location"));
            detail = Redaction.excerpt(detail);
        }

        @Override
        public String type() {
            return "spec." + violation.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        @Override
        public String evidence() {
            return location + " on " + Redaction.excerpt(endpoint) + ": " + detail;
        }
    }

    /** A caller touched an object id that traffic showed belongs to another principal. */
    record BolaAttempt(String endpoint, String caller, String owner, String objectId) implements Detection {
        public BolaAttempt {
            Objects.requireNonNull(endpoint, "endpoint");
            caller = Redaction.excerpt(caller);
            owner = Redaction.excerpt(owner);
            objectId = Redaction.excerpt(objectId);
        }

        @Override
        public String type() {
            return "bola";
        }

        @Override
        public String evidence() {
            return caller + " touched id " + objectId + " on " + Redaction.excerpt(endpoint) + ", owned by " + owner;
        }
    }

    /**
     * A caller received far more sensitive records within {@code window} than its own baseline (0 while
     * none is known) or than the absolute {@code cap}.
     */
    record Exfiltration(String caller, long records, long baseline, long cap, Duration window) implements Detection {
        public Exfiltration {
            caller = Redaction.excerpt(caller);
            Objects.requireNonNull(window, "window");
        }

        @Override
        public String type() {
            return "data-exfiltration";
        }

        @Override
        public String evidence() {
            return caller + " received " + records + " sensitive records within " + window + " (baseline " + baseline
                    + ", cap " + cap + ")";
        }
    }

    /**
     * A caller received more response-body bytes within {@code window} than the configured {@code
     * limit} (bulk export through paging, scraping), whatever the data was.
     */
    record ExfiltrationVolume(String caller, long bytes, long limit, Duration window) implements Detection {
        public ExfiltrationVolume {
            caller = Redaction.excerpt(caller);
            Objects.requireNonNull(window, "window");
        }

        @Override
        public String type() {
            return "data-exfiltration";
        }

        @Override
        public String evidence() {
            return caller + " received " + bytes + " response bytes within " + window + " (limit " + limit + ")";
        }
    }

    /** What is wrong with an MCP (JSON-RPC 2.0) tool call. */
    enum McpProblem {
        UNLISTED_TOOL,
        SENSITIVE_ARGUMENT
    }

    /**
     * An MCP {@code tools/call} naming a tool its session was never offered, or carrying sensitive data in
     * its arguments ({@code detail} names the argument and data type, never the value).
     */
    record McpAbuse(McpProblem problem, String session, String tool, String detail) implements Detection {
        public McpAbuse {
            Objects.requireNonNull(problem, "problem");
            session = Redaction.excerpt(session);
            tool = Redaction.excerpt(tool);
            detail = Redaction.excerpt(detail);
        }

        @Override
        public String type() {
            return "mcp." + problem.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        @Override
        public String evidence() {
            return "session " + session + " tool " + tool + ": " + detail;
        }
    }
}
