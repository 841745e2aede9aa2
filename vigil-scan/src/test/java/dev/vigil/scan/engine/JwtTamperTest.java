package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.vigil.scan.catalog.Mutation.TamperVariant;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;

class JwtTamperTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static String token() throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject("alice")
                        .expirationTime(Date.from(NOW.plusSeconds(600)))
                        .build());
        jwt.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes()));
        return jwt.serialize();
    }

    @Test
    void buildsEachVariantFromAJwtKeepingTheClaims() throws Exception {
        String t = token();
        String none = JwtTamper.tamper(t, TamperVariant.JWT_ALG_NONE, NOW).orElseThrow();
        assertThat(JWTParser.parse(none).getHeader().getAlgorithm().getName()).isEqualTo("none");
        assertThat(none).endsWith(".").contains(t.split("\\.")[1]);
        assertThat(JwtTamper.tamper(t, TamperVariant.JWT_STRIP_SIGNATURE, NOW).orElseThrow())
                .isEqualTo(t.substring(0, t.lastIndexOf('.') + 1));
        String expired = JwtTamper.tamper(t, TamperVariant.JWT_EXPIRED, NOW).orElseThrow();
        assertThat(JWTParser.parse(expired)
                        .getJWTClaimsSet()
                        .getExpirationTime()
                        .toInstant())
                .isBefore(NOW);
        assertThat(JWTParser.parse(expired).getJWTClaimsSet().getSubject()).isEqualTo("alice");
        String invalid = JwtTamper.tamper(t, TamperVariant.INVALID_TOKEN, NOW).orElseThrow();
        assertThat(invalid).isNotEqualTo(t).startsWith(t.substring(0, t.lastIndexOf('.')));
    }

    @Test
    void jwtVariantsDoNotApplyToOpaqueTokens() {
        assertThat(JwtTamper.tamper("opaque-token-123", TamperVariant.JWT_ALG_NONE, NOW))
                .isEmpty();
        assertThat(JwtTamper.tamper("opaque-token-123", TamperVariant.INVALID_TOKEN, NOW))
                .hasValueSatisfying(
                        v -> assertThat(v).isNotEqualTo("opaque-token-123").hasSize(16));
    }
}
