package dev.vigil.demo;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * The RSA key pair that signs partner tokens (RS256), generated at start-up, with its public half
 * published as a JWKS ({@code /.well-known/jwks.json}) and as PEM.
 */
final class PartnerKeys {
    static final String KEY_ID = "partner-2026";

    private final KeyPair pair;

    PartnerKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, new SecureRandom());
            this.pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA missing from the JDK", e);
        }
    }

    RSAPrivateKey privateKey() {
        return (RSAPrivateKey) pair.getPrivate();
    }

    RSAPublicKey publicKey() {
        return (RSAPublicKey) pair.getPublic();
    }

    /** The public key set as JSON (RFC 7517). */
    String jwks() {
        return new JWKSet(new RSAKey.Builder(publicKey()).keyID(KEY_ID).build()).toString();
    }

    /** The public key as a PEM file holds it: 64-character lines and a trailing newline. */
    byte[] pem() {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        return pem.getBytes(StandardCharsets.US_ASCII);
    }
}
