package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds an issuer's public keys for the key-confusion test: the identity's configured JWKS URL,
 * else the target's {@code /.well-known/jwks.json} and the {@code jwks_uri} of its
 * {@code /.well-known/openid-configuration}, else the same two under the token's {@code iss} when
 * that host is in scope. At most {@value #MAX_FETCHES} requests, stopping at the first key set.
 */
final class Jwks {
    static final int MAX_FETCHES = 6;
    static final int MAX_KEYS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwks() {}

    /** A public key and the {@code kid} it was published under (may be empty). */
    record Key(String kid, PublicKey publicKey) {}

    /** The keys to try for a token: those with its {@code kid} when any matches, else all of its key type. */
    static List<Key> forToken(ScanContext ctx, String configuredUrl, JwtForge.Jws jws, String purpose)
            throws InterruptedException {
        List<Key> all = fetch(ctx, configuredUrl, jws.issuer(), purpose);
        String kid = jws.header().path("kid").asText("");
        String type = jws.alg().startsWith("ES") ? "EC" : "RSA";
        List<Key> sameKid =
                all.stream().filter(k -> !kid.isEmpty() && kid.equals(k.kid())).toList();
        List<Key> chosen = sameKid.isEmpty()
                ? all.stream()
                        .filter(k -> k.publicKey().getAlgorithm().equals(type))
                        .toList()
                : sameKid;
        return chosen.stream().limit(MAX_KEYS).toList();
    }

    private static List<Key> fetch(ScanContext ctx, String configuredUrl, String issuer, String purpose)
            throws InterruptedException {
        URI base = ctx.target.baseUrl();
        Set<URI> candidates = new LinkedHashSet<>();
        if (!configuredUrl.isEmpty()) {
            candidates.add(resolve(base, configuredUrl));
        }
        List<URI> roots = new ArrayList<>();
        roots.add(origin(base));
        if (issuer.startsWith("http://") || issuer.startsWith("https://")) {
            try {
                roots.add(URI.create(issuer.replaceAll("/+$", "")));
            } catch (IllegalArgumentException e) {
                // not a URL after all
            }
        }
        int fetches = 0;
        for (URI root : roots) {
            candidates.add(URI.create(root + "/.well-known/jwks.json"));
            candidates.add(URI.create(root + "/.well-known/openid-configuration"));
        }
        for (URI url : candidates) {
            HttpCall call = HttpCall.get(url).withHeader("Accept", "application/json");
            if (fetches >= MAX_FETCHES || !Requester.inScope(call, ctx.policy)) {
                continue;
            }
            fetches++;
            Optional<String> body = get(ctx, call, purpose);
            if (body.isEmpty()) {
                continue;
            }
            List<Key> keys = parse(body.get());
            if (!keys.isEmpty()) {
                return keys;
            }
            Optional<URI> jwksUri = jwksUri(body.get());
            if (jwksUri.isPresent() && fetches < MAX_FETCHES) {
                HttpCall next = HttpCall.get(jwksUri.get()).withHeader("Accept", "application/json");
                if (Requester.inScope(next, ctx.policy)) {
                    fetches++;
                    keys = get(ctx, next, purpose).map(Jwks::parse).orElse(List.of());
                    if (!keys.isEmpty()) {
                        return keys;
                    }
                }
            }
        }
        return List.of();
    }

    private static Optional<String> get(ScanContext ctx, HttpCall call, String purpose) throws InterruptedException {
        Optional<Attempt> a = ctx.requester.send(ctx.identities.anonymous(), call, purpose);
        return a.filter(x -> x.result().success()).map(x -> x.result().body());
    }

    static List<Key> parse(String body) {
        List<Key> out = new ArrayList<>();
        try {
            for (JWK jwk : JWKSet.parse(body).getKeys()) {
                String kid = jwk.getKeyID() == null ? "" : jwk.getKeyID();
                if (jwk instanceof RSAKey rsa) {
                    out.add(new Key(kid, rsa.toRSAPublicKey()));
                } else if (jwk instanceof ECKey ec) {
                    out.add(new Key(kid, ec.toECPublicKey()));
                }
            }
        } catch (ParseException | JOSEException e) {
            return List.of();
        }
        return out;
    }

    private static Optional<URI> jwksUri(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            String uri = n.path("jwks_uri").asText("");
            return uri.startsWith("http://") || uri.startsWith("https://")
                    ? Optional.of(URI.create(uri))
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static URI origin(URI base) {
        return URI.create(base.getScheme() + "://" + base.getRawAuthority());
    }

    private static URI resolve(URI base, String url) {
        return url.startsWith("http://") || url.startsWith("https://")
                ? URI.create(url)
                : URI.create(base.toString().replaceAll("/+$", "") + url);
    }
}
