package dev.vigil.scan.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** How a test changes a request. A closed set: the engine has one strategy per kind. */
public sealed interface Mutation {
    /** The YAML {@code kind}. */
    String kind();

    /** Where injected values go. */
    enum Into {
        PATH,
        QUERY,
        BODY
    }

    /** The request as each identity would send it; the verdict looks at the plain answers. */
    record None() implements Mutation {
        public String kind() {
            return "none";
        }
    }

    /** Another identity (same or lower privilege) replays requests for objects owned by the first. */
    record ReplayAsOtherIdentity() implements Mutation {
        public String kind() {
            return "replay-as-other-identity";
        }
    }

    /** A lower-privileged identity calls operations reserved to higher roles, also with switched methods. */
    record CallAsLowerRole(List<String> switchMethods) implements Mutation {
        public CallAsLowerRole {
            switchMethods = List.copyOf(switchMethods);
        }

        public String kind() {
            return "call-as-lower-role";
        }
    }

    record DropCredentials() implements Mutation {
        public String kind() {
            return "drop-credentials";
        }
    }

    /** How the credential is damaged. */
    enum TamperVariant {
        INVALID_TOKEN,
        JWT_ALG_NONE,
        JWT_STRIP_SIGNATURE,
        JWT_EXPIRED
    }

    record TamperCredentials(TamperVariant variant) implements Mutation {
        public TamperCredentials {
            Objects.requireNonNull(variant, "variant");
        }

        public String kind() {
            return "tamper-credentials";
        }
    }

    /** Adds properties to a JSON body, then reads the object back to see whether they stuck. */
    record AddFields(ObjectNode fields) implements Mutation {
        public AddFields {
            fields = fields.deepCopy();
        }

        public String kind() {
            return "add-fields";
        }
    }

    /** Replaces one parameter or body field at a time with each payload. */
    record Inject(List<String> payloads, Set<Into> into) implements Mutation {
        public Inject {
            payloads = List.copyOf(payloads);
            into = Set.copyOf(into);
        }

        public String kind() {
            return "inject";
        }
    }

    /** An always-true and an always-false payload appended to a value. */
    record BooleanPair(String whenTrue, String whenFalse) {}

    record InjectBoolean(List<BooleanPair> pairs, Set<Into> into) implements Mutation {
        public InjectBoolean {
            pairs = List.copyOf(pairs);
            into = Set.copyOf(into);
        }

        public String kind() {
            return "inject-boolean";
        }
    }

    record SetHeader(String name, String value) implements Mutation {
        public String kind() {
            return "set-header";
        }
    }

    /** Puts a unique URL of the scanner's loopback callback listener into URL-like parameters. */
    record CallbackUrl(Set<Into> into) implements Mutation {
        public CallbackUrl {
            into = Set.copyOf(into);
        }

        public String kind() {
            return "callback-url";
        }
    }

    /** Sends {@code count} identical requests in a row. */
    record Burst(int count) implements Mutation {
        public String kind() {
            return "burst";
        }
    }

    /**
     * Use after delete: an identity creates an object through the collection, reads it, deletes it
     * with this operation, then reads it again. Only objects the scan created are deleted.
     */
    record DeleteThenRead() implements Mutation {
        public String kind() {
            return "delete-then-read";
        }
    }

    /**
     * API inventory: the operation's path with its version segment ({@code v2}, {@code v3.1})
     * replaced by each older version, down to {@code v1} (or {@code v0} for {@code v1}).
     */
    record OlderVersion() implements Mutation {
        public String kind() {
            return "older-version";
        }
    }

    /**
     * NoSQL operator injection: each query parameter becomes {@code name[$eq]=value} (true) and
     * {@code name[$ne]=value} (false), each top-level JSON body field {@code {"$eq": value}} and
     * {@code {"$ne": value}}; a store that interprets operators answers the first like the
     * original and the second differently.
     */
    record InjectOperator(Set<Into> into) implements Mutation {
        public InjectOperator {
            into = Set.copyOf(into);
        }

        public String kind() {
            return "inject-operator";
        }
    }

    /**
     * Time-based injection: each payload, with {@code {seconds}} replaced by a bounded delay, into
     * each input; a delay is only believed when a second, longer delay lengthens the answer too.
     */
    record InjectDelay(List<String> payloads, Set<Into> into, int seconds) implements Mutation {
        public InjectDelay {
            payloads = List.copyOf(payloads);
            into = Set.copyOf(into);
            if (seconds < 1 || seconds > 5) {
                throw new IllegalArgumentException("seconds must be 1..5");
            }
        }

        public String kind() {
            return "inject-delay";
        }
    }

    /**
     * XXE: the JSON body sample sent as XML ({@code Content-Type: application/xml}) whose DTD
     * declares an external entity pointing at the scanner's loopback callback listener, referenced
     * in every text field. Only a received callback proves that the parser resolved it.
     */
    record XmlEntity() implements Mutation {
        public String kind() {
            return "xml-entity";
        }
    }
    /**
     * RS/ES/PS → HS key confusion: the identity's asymmetric JWT re-signed with HS256, keyed with
     * the issuer's public key bytes (PEM with and without trailing newline, DER). The public key
     * comes from the identity's {@code jwksUrl}, else the target's {@code /.well-known/jwks.json}
     * or the {@code jwks_uri} of its {@code /.well-known/openid-configuration}.
     */
    record JwtKeyConfusion() implements Mutation {
        public String kind() {
            return "jwt-key-confusion";
        }
    }

    /**
     * Weak HMAC secret: HS256/384/512 tokens checked offline against a bounded wordlist (built in,
     * or {@code wordlist}, a file with one secret per line); a match is proven by a token forged
     * with it (later {@code exp}) that the API accepts.
     */
    record JwtWeakSecret(String wordlist) implements Mutation {
        public JwtWeakSecret {
            wordlist = wordlist == null ? "" : wordlist;
        }

        public String kind() {
            return "jwt-weak-secret";
        }
    }

    /**
     * Token for another audience: a JWT whose {@code aud} shares nothing with the working
     * identity's token (another identity's, or one declared {@code foreignAudience}) replayed on an
     * operation the working identity may use.
     */
    record JwtForeignAudience() implements Mutation {
        public String kind() {
            return "jwt-foreign-audience";
        }
    }

    /**
     * No lockout: {@code attempts} logins with a wrong password for an identity marked
     * {@code lockoutProbe}, then the correct login. Runs after every other test.
     */
    record LoginLockout(int attempts) implements Mutation {
        public LoginLockout {
            if (attempts < 2 || attempts > 500) {
                throw new IllegalArgumentException("attempts must be 2..500");
            }
        }

        public String kind() {
            return "login-lockout";
        }
    }

    /**
     * Business flows (API6): a later step of a flow (declared, linked in the OpenAPI document, or
     * inferred from a collection's action operations) called on a fresh object without the step
     * before it; a success whose effect on the object matches the full flow's is the finding.
     */
    record SkipFlowStep() implements Mutation {
        public String kind() {
            return "skip-flow-step";
        }
    }

    /**
     * Business flows (API6): a step of a flow sent twice in a row; the finding is a second success
     * that has effect again (a number such as a balance moves again, a list grows again, another
     * object is created).
     */
    record ReplayFlowStep() implements Mutation {
        public String kind() {
            return "replay-flow-step";
        }
    }

    /**
     * BOLA in query and body (API1): an id-like query parameter or top-level body field of a
     * state-changing request set to an object only another identity has seen; the finding needs
     * the owner's own view of that object to change.
     */
    record ForeignReference(Set<Into> into) implements Mutation {
        public ForeignReference {
            into = Set.copyOf(into);
        }

        public String kind() {
            return "foreign-reference";
        }
    }

    /**
     * API inventory (API9): the working request sent, as the same identity, to each host where the
     * inventory saw the API but that neither the base URL nor the spec names (an old deployment, a
     * staging host). Hosts outside the scan's allowlist are never contacted.
     */
    record OtherHost() implements Mutation {
        public String kind() {
            return "other-host";
        }
    }

    /** Which field comparison a {@link CompareRoles} test makes. */
    enum RoleRule {
        /** A sensitive data type another identity receives that the object's owner does not (masked or left out). */
        SENSITIVE_BEYOND_OWNER,
        /** A sensitive or credential-like field a lower role receives and a higher role does not. */
        LOWER_ROLE_SEES_MORE
    }

    /**
     * API3 property-level exposure: the same object (read operation) fetched as its owner and as
     * every other identity allowed to read it; the views are compared field by field under
     * {@code rule}.
     */
    record CompareRoles(RoleRule rule) implements Mutation {
        public CompareRoles {
            Objects.requireNonNull(rule, "rule");
        }

        public String kind() {
            return "compare-roles";
        }
    }

    /**
     * API3: the items of a collection read ({@code GET /x}) compared with the item read ({@code GET
     * /x/{id}}) of the same object as the same identity; sensitive fields only the list carries.
     */
    record ListVersusDetail() implements Mutation {
        public String kind() {
            return "list-vs-detail";
        }
    }

    /**
     * API4: a page-size query parameter (found by name, or a numeric parameter the answer's array
     * length follows) set to {@code huge}; more items than the documented maximum, or than {@code
     * cap} when none is documented, prove that no cap is applied.
     */
    record OversizedPage(int huge, int cap) implements Mutation {
        public OversizedPage {
            if (cap < 1 || huge <= cap || huge > 10_000_000) {
                throw new IllegalArgumentException("need 1 <= cap < huge <= 10000000");
            }
        }

        public String kind() {
            return "oversized-page";
        }
    }

    /** API4: the JSON body with one string field padded until the body has {@code bytes} bytes. */
    record OversizedBody(int bytes) implements Mutation {
        public OversizedBody {
            if (bytes < 1024 || bytes > 16 * 1024 * 1024) {
                throw new IllegalArgumentException("bytes must be 1 KiB..16 MiB");
            }
        }

        public String kind() {
            return "oversized-body";
        }
    }

    /**
     * API8: methods the operation's path does not document, sent instead of the documented one.
     * {@code TRACE} counts only when the answer echoes the request; others when they succeed where
     * a path that cannot exist does not.
     */
    record UnexpectedMethods(List<String> methods) implements Mutation {
        public UnexpectedMethods {
            methods = List.copyOf(methods);
        }

        public String kind() {
            return "unexpected-methods";
        }
    }

    /** One well-known path with the content that proves what it is ({@code HEAD}: matched against the headers). */
    record PathProbe(String path, String method, List<java.util.regex.Pattern> proof) {
        public PathProbe {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(method, "method");
            proof = List.copyOf(proof);
        }
    }

    /** API8: a bounded list of debug and management paths, each believed only with its content proof. */
    record ProbePaths(List<PathProbe> probes) implements Mutation {
        public ProbePaths {
            probes = List.copyOf(probes);
        }

        public String kind() {
            return "probe-paths";
        }
    }

    /**
     * API2: for each identity whose login yields a refresh token (a {@code login} with a declared
     * {@code refresh} request, or an {@code oauth2-password} grant answering {@code refresh_token}),
     * a fresh login, then the same refresh token redeemed twice. Proven when the second redemption
     * also gives a new access token: refresh tokens are not single-use.
     */
    record RefreshReplay() implements Mutation {
        public String kind() {
            return "refresh-replay";
        }
    }

    /**
     * Maker-checker (API5/API6): for a declared flow step meant for someone other than the object's
     * creator ({@code as: other} or {@code as: higher}), the step taken by such an identity on one
     * object fixes its effect; the creator then takes the step on a fresh object of its own. Proven
     * when that succeeds with the same effect on the creator's view of the object.
     */
    record ApproveOwnFlowStep() implements Mutation {
        public String kind() {
            return "approve-own-flow-step";
        }
    }
}
