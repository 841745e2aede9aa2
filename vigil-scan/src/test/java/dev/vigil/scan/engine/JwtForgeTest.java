package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtForgeTest {
    private static String hs256(String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("k9").build(),
                new JWTClaimsSet.Builder()
                        .subject("alice")
                        .audience("api")
                        .expirationTime(new java.util.Date(2_000_000_000_000L))
                        .build());
        // zero padding leaves HMAC unchanged; it only satisfies the library's 256-bit minimum
        jwt.sign(new MACSigner(Arrays.copyOf(secret.getBytes(StandardCharsets.UTF_8), 32)));
        return jwt.serialize();
    }

    @Test
    void findsAListedSecretOfAnHs256Token() throws Exception {
        JwtForge.Jws jws = JwtForge.parse(hs256("changeme")).orElseThrow();

        assertThat(JwtForge.crack(jws, List.of("secret", "changeme", "password")))
                .contains("changeme");
    }

    @Test
    void findsNothingWhenTheSecretIsNotListed() throws Exception {
        JwtForge.Jws jws =
                JwtForge.parse(hs256("a8f1c0d2e94b7d33a61f5e0c29b84d17")).orElseThrow();

        assertThat(JwtForge.crack(jws, Wordlist.load(""))).isEmpty();
    }

    @Test
    void theBuiltInListHoldsAFewHundredCommonSecretsWithoutComments() {
        List<String> words = Wordlist.load("");

        assertThat(words).hasSizeBetween(300, 1000).contains("secret", "changeme", "your-256-bit-secret");
        assertThat(words).noneMatch(w -> w.startsWith("#") || w.isEmpty());
    }

    @Test
    void aForgedTokenVerifiesWithTheSecretAndKeepsTheHeaderButTheAlgorithm() throws Exception {
        JwtForge.Jws jws = JwtForge.parse(hs256("changeme")).orElseThrow();
        var claims = jws.claims().deepCopy();
        claims.put("exp", 2_000_003_600L);

        SignedJWT forged =
                SignedJWT.parse(JwtForge.sign(jws, "HS256", claims, "changeme".getBytes(StandardCharsets.UTF_8)));

        assertThat(forged.verify(new MACVerifier(Arrays.copyOf("changeme".getBytes(StandardCharsets.UTF_8), 32))))
                .isTrue();
        assertThat(forged.getHeader().getKeyID()).isEqualTo("k9");
        assertThat(forged.getJWTClaimsSet().getExpirationTime().getTime()).isEqualTo(2_000_003_600_000L);
    }

    @Test
    void publicKeyEncodingsArePemWithAndWithoutNewlineAndDer() throws Exception {
        PublicKey key = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();

        List<byte[]> encodings = JwtForge.publicKeyEncodings(key);

        String pem = new String(encodings.get(0), StandardCharsets.US_ASCII);
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        assertThat(new String(encodings.get(1), StandardCharsets.US_ASCII)).isEqualTo(pem.strip());
        assertThat(encodings.get(2)).isEqualTo(key.getEncoded());
    }

    @Test
    void redactsASecretToItsFirstCharacterAndLength() {
        assertThat(JwtForge.redacted("changeme"))
                .isEqualTo("'c…' (8 characters)")
                .doesNotContain("hangeme");
    }

    @Test
    void audienceReadsAStringOrAnArray() throws Exception {
        assertThat(JwtForge.parse(hs256("x")).orElseThrow().audience()).containsExactly("api");
        assertThat(JwtForge.parse("eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOlsiYSIsImIiXX0.c2ln")
                        .orElseThrow()
                        .audience())
                .containsExactly("a", "b");
    }
}
