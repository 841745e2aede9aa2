package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.catalog.Mutation;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.identity.CredentialManager;
import dev.vigil.scan.identity.Credentials;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runners for the token and login tests of broken authentication (API2): JWT key confusion, weak
 * HMAC secrets, tokens for another audience. Each works host-wide: for every identity with a
 * bearer JWT it looks for an operation the identity may call and anonymous callers may not, so a
 * success with a forged or foreign token is proof, not coincidence. One finding per test and host
 * is enough: the verifier is shared.
 */
final class AuthRunners {
    /** GET operations looked at to find one an identity may use (their answers are mostly cached from learning). */
    static final int MAX_OPERATIONS = 40;

    private AuthRunners() {}

    /** An operation this identity may call and anonymous callers may not, with the identity's original answer. */
    record Working(Operation op, Observation original) {}

    static Optional<Working> working(ScanContext ctx, Identity identity) throws InterruptedException {
        int looked = 0;
        for (Operation op : ctx.target.operations()) {
            if (!op.method().equals("GET")) {
                continue;
            }
            if (looked++ >= MAX_OPERATIONS) {
                break;
            }
            Optional<Observation> o = ctx.observe(identity, op);
            if (o.isEmpty() || !o.get().succeeded()) {
                continue;
            }
            Optional<Observation> anon =
                    ctx.observe(ctx.identities.anonymous(), o.get().plainCall());
            if (anon.isPresent() && anon.get().denied()) {
                return Optional.of(new Working(op, o.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * Key confusion: the identity's RS/ES/PS token re-signed with HS256 keyed with each encoding of
     * each candidate public key; the first that is answered like the genuine token is re-tested.
     */
    static List<Finding> keyConfusion(CatalogTest test, ScanContext ctx) throws InterruptedException {
        Set<String> triedIssuers = new HashSet<>();
        for (Identity identity : ctx.byLevel()) {
            Credentials creds = ctx.requester.credentials(identity);
            Optional<JwtForge.Jws> jws = creds.bearerToken().flatMap(JwtForge::parse);
            if (jws.isEmpty() || !JwtForge.asymmetric(jws.get().alg())) {
                continue;
            }
            String issuerKey =
                    jws.get().issuer() + "|" + jws.get().header().path("kid").asText("");
            if (!triedIssuers.add(issuerKey)) {
                continue; // same issuer and key as an identity already tried
            }
            Optional<Working> working = working(ctx, identity);
            if (working.isEmpty()) {
                continue;
            }
            List<Jwks.Key> keys = Jwks.forToken(ctx, identity.jwksUrl(), jws.get(), test.id() + " jwks");
            for (Jwks.Key key : keys) {
                List<byte[]> encodings = JwtForge.publicKeyEncodings(key.publicKey());
                String[] names = {"PEM with trailing newline", "PEM", "DER"};
                for (int i = 0; i < encodings.size(); i++) {
                    String forged = JwtForge.sign(jws.get(), "HS256", jws.get().claims(), encodings.get(i));
                    String how = "HS256 keyed with the " + key.publicKey().getAlgorithm() + " public key"
                            + (key.kid().isEmpty() ? "" : " '" + key.kid() + "'") + " as " + names[i];
                    Optional<Finding> f =
                            confirm(test, ctx, identity, working.get(), creds.withBearerToken(forged), how);
                    if (f.isPresent()) {
                        return List.of(f.get());
                    }
                }
            }
        }
        return List.of();
    }

    /**
     * Weak secret: each identity's HMAC-signed token checked offline against the wordlist; a hit is
     * only reported when a token forged with it (expiry one hour later) is accepted.
     */
    static List<Finding> weakSecret(CatalogTest test, ScanContext ctx, Mutation.JwtWeakSecret m)
            throws InterruptedException {
        List<String> words = null;
        Set<String> triedIssuers = new HashSet<>();
        for (Identity identity : ctx.byLevel()) {
            Credentials creds = ctx.requester.credentials(identity);
            Optional<JwtForge.Jws> jws = creds.bearerToken().flatMap(JwtForge::parse);
            if (jws.isEmpty()
                    || JwtForge.hmac(jws.get().alg()).isEmpty()
                    || !triedIssuers.add(jws.get().issuer() + "|" + jws.get().alg())) {
                continue;
            }
            if (words == null) {
                words = Wordlist.load(m.wordlist());
            }
            Optional<String> secret = JwtForge.crack(jws.get(), words);
            if (secret.isEmpty()) {
                continue;
            }
            Optional<Working> working = working(ctx, identity);
            if (working.isEmpty()) {
                continue;
            }
            ObjectNode claims = jws.get().claims().deepCopy();
            long exp = claims.path("exp").canConvertToLong()
                    ? claims.get("exp").asLong()
                    : ctx.clock.instant().getEpochSecond();
            claims.put("exp", exp + 3600);
            String forged = JwtForge.sign(
                    jws.get(), jws.get().alg(), claims, secret.get().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String how = jws.get().alg() + " secret found in the wordlist: " + JwtForge.redacted(secret.get())
                    + "; a token forged with it (exp " + Instant.ofEpochSecond(exp + 3600) + ")";
            Optional<Finding> f = confirm(test, ctx, identity, working.get(), creds.withBearerToken(forged), how);
            if (f.isPresent()) {
                return List.of(f.get());
            }
        }
        return List.of();
    }

    /**
     * Foreign audience: on an operation identity A may use, the credentials of identity B whose JWT
     * {@code aud} shares nothing with A's (same issuer), or of an identity declared
     * {@code foreignAudience}. Any success counts (B may be another subject, so no similarity).
     */
    static List<Finding> foreignAudience(CatalogTest test, ScanContext ctx) throws InterruptedException {
        List<Identity> declared = ctx.identities.foreignAudience();
        for (Identity a : ctx.byLevel()) {
            Credentials mine = ctx.requester.credentials(a);
            Optional<JwtForge.Jws> myJws = mine.bearerToken().flatMap(JwtForge::parse);
            Set<String> myAud = myJws.map(JwtForge.Jws::audience).orElse(Set.of());
            List<Identity> others = new ArrayList<>(declared);
            if (!myAud.isEmpty()) {
                for (Identity b : ctx.byLevel()) {
                    if (b.name().equals(a.name())) {
                        continue;
                    }
                    Optional<JwtForge.Jws> theirs =
                            ctx.requester.credentials(b).bearerToken().flatMap(JwtForge::parse);
                    if (theirs.isPresent()
                            && theirs.get().issuer().equals(myJws.get().issuer())
                            && !theirs.get().audience().isEmpty()
                            && java.util.Collections.disjoint(theirs.get().audience(), myAud)) {
                        others.add(b);
                    }
                }
            }
            if (others.isEmpty()) {
                continue;
            }
            Optional<Working> working = working(ctx, a);
            if (working.isEmpty()) {
                continue;
            }
            for (Identity b : others) {
                Credentials foreign = ctx.requester.credentials(b);
                Set<String> aud = foreign.bearerToken()
                        .flatMap(JwtForge::parse)
                        .map(JwtForge.Jws::audience)
                        .orElse(Set.of());
                if (!aud.isEmpty() && !myAud.isEmpty() && !java.util.Collections.disjoint(aud, myAud)) {
                    continue; // declared foreign, but its token is for this API too
                }
                String how = b.name() + "'s token (aud " + (aud.isEmpty() ? "declared foreign" : aud) + ")"
                        + (myAud.isEmpty() ? "" : " where " + a.name() + "'s has aud " + myAud);
                Optional<Finding> f = confirm(test, ctx, b, working.get(), foreign, how);
                if (f.isPresent()) {
                    return List.of(f.get());
                }
            }
        }
        return List.of();
    }

    /** Sends the working request with the given credentials; a positive verdict must hold twice. */
    private static Optional<Finding> confirm(
            CatalogTest test, ScanContext ctx, Identity reported, Working working, Credentials creds, String how)
            throws InterruptedException {
        String label = reported.name() + " (" + test.id() + ")";
        HttpCall call = working.original().plainCall();
        Optional<Attempt> attempt = ctx.requester.sendWith(label, creds, call, test.id());
        if (attempt.isEmpty()) {
            return Optional.empty();
        }
        Verdicts.Verdict v = Verdicts.evaluate(test, Probe.of(attempt.get(), working.original()));
        if (!v.vulnerable()) {
            return Optional.empty();
        }
        Optional<Attempt> again = ctx.requester.sendWith(label, creds, call, test.id() + " re-test");
        if (again.isEmpty()
                || !Verdicts.evaluate(test, Probe.of(again.get(), working.original()))
                        .vulnerable()) {
            return Optional.empty();
        }
        // control: the same credentials with a broken signature must be refused, otherwise the API
        // checks no signature at all (reported by auth-invalid-token), and this test proves nothing
        Optional<Attempt> control =
                ctx.requester.sendWith(label, creds.mapValues(JwtTamper::invalid), call, test.id() + " control");
        if (control.isEmpty() || Verdicts.effectiveSuccess(control.get().result())) {
            return Optional.empty();
        }
        return Optional.of(ctx.finding(
                test,
                working.op(),
                reported.name(),
                "credential",
                v,
                true,
                "accepted " + how + "; anonymous callers are refused",
                List.of(working.original().attempt(), attempt.get())));
    }

    private static final java.util.regex.Pattern LOCKOUT_WORDS = java.util.regex.Pattern.compile(
            "(?i)locked|lockout|too many|try again (later|in)|temporarily (blocked|disabled|suspended)|captcha");

    /**
     * No lockout: for each identity marked {@code lockoutProbe}, {@code attempts} logins with a wrong
     * password, then the correct one. The verdict looks at the correct login's last answer; the
     * proof fact {@code noRateLimit} holds when no answer showed throttling or a lockout (429, 423,
     * {@code Retry-After}, rate-limit headers, lockout wording). Failed attempts must really fail.
     */
    static List<Finding> lockout(CatalogTest test, Operation unit, ScanContext ctx, Mutation.LoginLockout m)
            throws InterruptedException {
        List<Finding> out = new ArrayList<>();
        CredentialManager logins = ctx.requester.credentialManager();
        for (Identity identity : ctx.identities.authenticated()) {
            if (!identity.lockoutProbe()) {
                continue;
            }
            boolean throttled = false;
            boolean wrongAccepted = false;
            Attempt lastFailure = null;
            for (int i = 0; i < m.attempts() && !throttled; i++) {
                Optional<CredentialManager.LoginTrial> trial = logins.tryLogin(identity, true);
                if (trial.isEmpty()) {
                    break;
                }
                ctx.requester.count(
                        test.id() + " failed logins", trial.get().answers().size());
                wrongAccepted |= trial.get().succeeded();
                lastFailure = trial.get().answers().getLast();
                throttled = trial.get().answers().stream().anyMatch(a -> throttling(a.result()));
            }
            if (lastFailure == null || wrongAccepted) {
                continue; // no password login, or a wrong password signs in (not a lockout question)
            }
            Optional<CredentialManager.LoginTrial> correct = logins.tryLogin(identity, false);
            if (correct.isEmpty()) {
                continue;
            }
            ctx.requester.count(
                    test.id() + " correct login", correct.get().answers().size());
            Attempt last = correct.get().answers().getLast();
            boolean noLimit = !throttled && correct.get().answers().stream().noneMatch(a -> throttling(a.result()));
            Probe probe = Probe.of(last, null).withFacts(false, false, false, noLimit);
            Verdicts.Verdict v = Verdicts.evaluate(test, probe);
            if (!v.vulnerable() || !correct.get().succeeded()) {
                continue;
            }
            Operation op = CreatedObjects.match(
                            ctx.target.operations(),
                            ctx.target.baseUrl(),
                            last.call().url(),
                            last.call().method())
                    .map(java.util.Map.Entry::getKey)
                    .orElse(unit);
            out.add(ctx.finding(
                    test,
                    op,
                    identity.name(),
                    "login",
                    v,
                    false,
                    m.attempts() + " failed logins in a row, then the correct password signed in at once",
                    List.of(lastFailure, last)));
        }
        return out;
    }

    /** Whether an answer shows throttling or a lockout. */
    static boolean throttling(dev.vigil.scan.http.HttpResult r) {
        if (r.status() == 429 || r.status() == 423) {
            return true;
        }
        if (r.header("Retry-After").isPresent()) {
            return true;
        }
        for (dev.vigil.traffic.Header h : r.headers()) {
            String name = h.name().toLowerCase(java.util.Locale.ROOT);
            if (name.startsWith("ratelimit") || name.startsWith("x-ratelimit") || name.startsWith("x-rate-limit")) {
                return true;
            }
        }
        return LOCKOUT_WORDS.matcher(r.body()).find();
    }
}
