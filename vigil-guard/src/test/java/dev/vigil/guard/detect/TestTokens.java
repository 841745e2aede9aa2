package dev.vigil.guard.detect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Unsigned test JWTs: header and claims as given, a dummy signature. */
public final class TestTokens {
    private TestTokens() {}

    public static String jwt(String headerJson, String claimsJson) {
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        return e.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + e.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }
}
