package dev.vigil.scan.identity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the {@link SSLContext} of a mutual-TLS identity from PEM files (certificate chain and a
 * PKCS#8 private key) or a PKCS#12 keystore, optionally trusting extra CA certificates for the
 * server. Every problem is added to the caller's list (file names only, never key material or
 * passwords); the context is returned only when there was none.
 */
final class ClientCertificates {
    private static final Pattern PEM_KEY =
            Pattern.compile("-----BEGIN ([A-Z ]*)PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END \\1PRIVATE KEY-----");
    private static final char[] NO_PASSWORD = new char[0];

    private ClientCertificates() {}

    /** From PEM files: {@code certificate} (chain, leaf first) and {@code key} (PKCS#8, RSA or EC). */
    static Optional<SSLContext> fromPem(
            Path certificate, Path key, Optional<Path> trust, String at, List<String> problems) {
        int before = problems.size();
        List<X509Certificate> chain = certificates(certificate, at + ".certificate", problems);
        PrivateKey privateKey = privateKey(key, at + ".key", problems);
        if (problems.size() > before || chain.isEmpty() || privateKey == null) {
            trustStore(trust, at, problems);
            return Optional.empty();
        }
        if (!matches(privateKey, chain.getFirst().getPublicKey())) {
            problems.add(at + ".key: does not belong to the certificate's public key");
        }
        KeyStore trusted = trustStore(trust, at, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("client", privateKey, NO_PASSWORD, chain.toArray(new Certificate[0]));
            return context(store, NO_PASSWORD, trusted, at, problems);
        } catch (GeneralSecurityException | IOException e) {
            problems.add(at + ": cannot build a key store (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    /** From a PKCS#12 file holding one private key with its certificate chain. */
    static Optional<SSLContext> fromPkcs12(
            Path file, Secret password, Optional<Path> trust, String at, List<String> problems) {
        int before = problems.size();
        KeyStore store = null;
        char[] pw = password.value().toCharArray();
        if (!Files.isReadable(file)) {
            problems.add(at + ".pkcs12: cannot read file '" + file + "'");
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                store = KeyStore.getInstance("PKCS12");
                store.load(in, pw);
                if (!hasKey(store)) {
                    problems.add(at + ".pkcs12: '" + file + "' holds no private key");
                }
            } catch (IOException | GeneralSecurityException e) {
                // a wrong password and a corrupt file look alike to the JDK
                problems.add(at + ".pkcs12: cannot open '" + file + "' (wrong password or not PKCS#12)");
            }
        }
        KeyStore trusted = trustStore(trust, at, problems);
        if (problems.size() > before || store == null) {
            return Optional.empty();
        }
        return context(store, pw, trusted, at, problems);
    }

    private static Optional<SSLContext> context(
            KeyStore keys, char[] password, KeyStore trusted, String at, List<String> problems) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted); // null: the JDK's default trust anchors
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return Optional.of(tls);
        } catch (GeneralSecurityException e) {
            problems.add(at + ": cannot build the TLS context (" + e.getClass().getSimpleName() + ")");
            return Optional.empty();
        }
    }

    private static KeyStore trustStore(Optional<Path> trust, String at, List<String> problems) {
        if (trust.isEmpty()) {
            return null;
        }
        List<X509Certificate> cas = certificates(trust.get(), at + ".trust", problems);
        if (cas.isEmpty()) {
            return null;
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            problems.add(
                    at + ".trust: cannot build a trust store (" + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    private static List<X509Certificate> certificates(Path file, String at, List<String> problems) {
        if (!Files.isReadable(file)) {
            problems.add(at + ": cannot read file '" + file + "'");
            return List.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> all =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : all) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                problems.add(at + ": '" + file + "' holds no PEM certificate");
            }
            return out;
        } catch (IOException | GeneralSecurityException e) {
            problems.add(at + ": '" + file + "' is not a PEM certificate");
            return List.of();
        }
    }

    private static PrivateKey privateKey(Path file, String at, List<String> problems) {
        if (!Files.isReadable(file)) {
            problems.add(at + ": cannot read file '" + file + "'");
            return null;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            problems.add(at + ": cannot read file '" + file + "'");
            return null;
        }
        Matcher m = PEM_KEY.matcher(text);
        if (!m.find()) {
            problems.add(at + ": '" + file + "' holds no PEM private key");
            return null;
        }
        if (!m.group(1).isEmpty()) {
            problems.add(at + ": '" + file + "' is not PKCS#8 (BEGIN " + m.group(1)
                    + "PRIVATE KEY); convert it to PKCS#8 (openssl pkcs8 -topk8 -nocrypt)");
            return null;
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2));
        } catch (IllegalArgumentException e) {
            problems.add(at + ": '" + file + "' is not valid base64 PEM");
            return null;
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        problems.add(at + ": '" + file + "' is not an RSA, EC or Ed25519 PKCS#8 key");
        return null;
    }

    /** Whether the private key signs what the certificate's public key verifies. */
    private static boolean matches(PrivateKey key, PublicKey certificateKey) {
        String algorithm =
                switch (key.getAlgorithm()) {
                    case "RSA" -> "SHA256withRSA";
                    case "EC" -> "SHA256withECDSA";
                    case "Ed25519", "EdDSA" -> "Ed25519";
                    default -> "";
                };
        if (algorithm.isEmpty()) {
            return true; // cannot check; the handshake will tell
        }
        try {
            byte[] probe = "vigil-key-pair-check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificateKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean hasKey(KeyStore store) throws GeneralSecurityException {
        for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
            if (store.isKeyEntry(aliases.nextElement())) {
                return true;
            }
        }
        return false;
    }
}
