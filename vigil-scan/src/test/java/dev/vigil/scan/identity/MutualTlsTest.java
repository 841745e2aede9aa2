package dev.vigil.scan.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.http.HttpResult;
import dev.vigil.scan.http.JdkTransport;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual-TLS identities against a real TLS server on 127.0.0.1 that requires a client certificate
 * from its own CA: the identity's certificate (PEM or PKCS#12) is presented and accepted, a
 * certificate from another CA and no certificate at all are refused, and bad files are reported
 * up front, all problems at once.
 */
class MutualTlsTest {
    @TempDir
    static Path dir;

    static X509Bundle ca;
    static X509Bundle alice;
    static X509Bundle stranger;
    static HttpsServer server;

    @BeforeAll
    static void start() throws Exception {
        Instant now = Instant.now();
        CertificateBuilder base = new CertificateBuilder()
                .notBefore(now.minus(Duration.ofDays(1)))
                .notAfter(now.plus(Duration.ofDays(1)))
                .ecp256();
        ca = base.copy()
                .subject("CN=Vigil Test CA")
                .setIsCertificateAuthority(true)
                .buildSelfSigned();
        X509Bundle serverCert = base.copy()
                .subject("CN=localhost")
                .addSanIpAddress("127.0.0.1")
                .addExtendedKeyUsageServerAuth()
                .buildIssuedBy(ca);
        alice = base.copy().subject("CN=alice").addExtendedKeyUsageClientAuth().buildIssuedBy(ca);
        X509Bundle otherCa = base.copy()
                .subject("CN=Other CA")
                .setIsCertificateAuthority(true)
                .buildSelfSigned();
        stranger = base.copy()
                .subject("CN=stranger")
                .addExtendedKeyUsageClientAuth()
                .buildIssuedBy(otherCa);

        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(serverCert.toKeyStore(new char[0]), new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), ca.toTrustManagerFactory().getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/whoami", ex -> {
            try (ex) {
                String who =
                        ((HttpsExchange) ex).getSSLSession().getPeerPrincipal().getName();
                byte[] body = ("{\"subject\":\"" + who + "\"}").getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            } catch (IOException e) {
                // the client went away; nothing to answer
            }
        });
        server.start();
        Files.writeString(dir.resolve("ca.pem"), ca.getCertificatePEM());
        write("alice", alice);
        write("stranger", stranger);
    }

    private static void write(String name, X509Bundle bundle) throws IOException {
        Files.writeString(dir.resolve(name + ".crt.pem"), bundle.getCertificatePEM());
        Files.writeString(dir.resolve(name + ".key.pem"), bundle.getPrivateKeyPEM());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static URI whoami() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/whoami");
    }

    private static Identity load(String auth, Map<String, String> env) {
        String yaml = "identities:\n  - name: svc\n    auth: " + auth + "\n";
        return new IdentitiesLoader(env).parse(yaml, "ids.yaml").named("svc").orElseThrow();
    }

    private static HttpResult send(Identity identity) throws InterruptedException {
        JdkTransport transport = new JdkTransport(
                JdkTransport.defaultClient(Duration.ofSeconds(2)), Clock.systemUTC(), Duration.ofSeconds(5));
        CredentialManager credentials = new CredentialManager(transport, Clock.systemUTC(), whoami());
        return credentials.send(identity, HttpCall.get(whoami()));
    }

    private static String pem(String name) {
        return "certificate: " + dir.resolve(name + ".crt.pem") + ", key: " + dir.resolve(name + ".key.pem");
    }

    @Test
    void presentsThePemClientCertificateAndIsAccepted() throws Exception {
        Identity svc = load("{type: mtls, " + pem("alice") + ", trust: " + dir.resolve("ca.pem") + "}", Map.of());

        HttpResult r = send(svc);

        assertThat(r.status()).as(r.error()).isEqualTo(200);
        assertThat(r.body()).contains("CN=alice");
    }

    @Test
    void presentsAPkcs12ClientCertificateWithItsPasswordFromTheEnvironment() throws Exception {
        Path p12 = alice.toTempKeyStoreFile("p12-secret".toCharArray()).toPath();
        Identity svc = load(
                "{type: mtls, pkcs12: " + p12 + ", password: \"${env:P12_PW}\", trust: " + dir.resolve("ca.pem") + "}",
                Map.of("P12_PW", "p12-secret"));

        HttpResult r = send(svc);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("CN=alice");
        assertThat(svc.auth().toString()).doesNotContain("p12-secret");
    }

    @Test
    void aCertificateFromAnotherCaOrNoneIsRefusedByTheServer() throws Exception {
        Identity stray = load("{type: mtls, " + pem("stranger") + ", trust: " + dir.resolve("ca.pem") + "}", Map.of());

        assertThat(send(stray).answered()).isFalse();
        assertThat(send(Identity.anonymous()).answered()).isFalse();
    }

    @Test
    void reportsEveryBadFileAtOnceWithoutKeyMaterial() throws Exception {
        Files.writeString(
                dir.resolve("pkcs1.key.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        Path p12 = alice.toTempKeyStoreFile("right".toCharArray()).toPath();
        String yaml = "identities:\n"
                + "  - name: a\n    auth: {type: mtls, certificate: " + dir.resolve("missing.pem") + ", key: "
                + dir.resolve("alice.key.pem") + "}\n"
                + "  - name: b\n    auth: {type: mtls, certificate: " + dir.resolve("alice.crt.pem") + ", key: "
                + dir.resolve("stranger.key.pem") + "}\n"
                + "  - name: c\n    auth: {type: mtls, certificate: " + dir.resolve("alice.crt.pem") + ", key: "
                + dir.resolve("pkcs1.key.pem") + "}\n"
                + "  - name: d\n    auth: {type: mtls, pkcs12: " + p12 + ", password: Xq7-not-it}\n";

        assertThatThrownBy(() -> new IdentitiesLoader(Map.of()).parse(yaml, "ids.yaml"))
                .isInstanceOf(IdentitiesException.class)
                .satisfies(e -> assertThat(((IdentitiesException) e).problems())
                        .anyMatch(p -> p.startsWith("identities[0].auth.certificate: cannot read file"))
                        .anyMatch(p ->
                                p.equals("identities[1].auth.key: does not belong to the certificate's public key"))
                        .anyMatch(p -> p.startsWith("identities[2].auth.key:") && p.contains("convert it to PKCS#8"))
                        .anyMatch(p -> p.startsWith("identities[3].auth.pkcs12: cannot open"))
                        .noneMatch(p -> p.contains("Xq7-not-it") || p.contains("AAAA")));
    }
}
