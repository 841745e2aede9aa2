package dev.vigil.scan.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog kinds of the API2 token and login tests. */
class AuthCatalogTest {
    @TempDir
    Path dir;

    @Test
    void builtInCatalogHasTheFourTestsWithTheirKinds() {
        Catalog c = new CatalogLoader().load(List.of());

        assertThat(c.test("jwt-key-confusion").orElseThrow().mutation()).isInstanceOf(Mutation.JwtKeyConfusion.class);
        assertThat(c.test("jwt-weak-secret").orElseThrow().mutation()).isEqualTo(new Mutation.JwtWeakSecret(""));
        assertThat(c.test("jwt-foreign-audience").orElseThrow().mutation())
                .isInstanceOf(Mutation.JwtForeignAudience.class);
        assertThat(c.test("login-lockout-missing").orElseThrow().mutation()).isEqualTo(new Mutation.LoginLockout(10));
    }

    @Test
    void lockoutNeedsItsProofConditionAndAWordlistMustBeReadable() throws Exception {
        Path file = Files.writeString(dir.resolve("mine.yaml"), """
                version: 1
                tests:
                  - id: lockout-without-proof
                    title: Test title
                    cwe: [307]
                    remediation: Fix it.
                    severity: low
                    owasp: API2:2023
                    mutation: {kind: login-lockout, count: 3}
                    vulnerableIf: [{status: [2xx]}]
                  - id: secrets-elsewhere
                    title: Test title
                    cwe: [307]
                    remediation: Fix it.
                    severity: low
                    owasp: API2:2023
                    mutation: {kind: jwt-weak-secret, wordlist: /nonexistent/vigil-words.txt}
                    vulnerableIf: [{status: [2xx]}]
                """);

        assertThatThrownBy(() -> new CatalogLoader().load(List.of(file)))
                .isInstanceOf(CatalogException.class)
                .satisfies(e -> assertThat(((CatalogException) e).problems())
                        .anyMatch(
                                p -> p.contains(
                                        "(lockout-without-proof).vulnerableIf: mutation login-lockout needs its proof condition (noRateLimit)"))
                        .anyMatch(p -> p.contains("wordlist: cannot read file '/nonexistent/vigil-words.txt'")));
    }

    @Test
    void aUserWordlistIsAccepted() throws Exception {
        Path words = Files.writeString(dir.resolve("words.txt"), "# mine\nhunter3\n");
        Path file = Files.writeString(dir.resolve("mine.yaml"), """
                version: 1
                disable: [jwt-weak-secret]
                tests:
                  - id: jwt-weak-secret-own-list
                    title: Test title
                    cwe: [1391]
                    remediation: Fix it.
                    severity: high
                    owasp: API2:2023
                    mutation: {kind: jwt-weak-secret, wordlist: "%s"}
                    vulnerableIf: [{status: [2xx]}]
                """.formatted(words));

        Catalog c = new CatalogLoader().load(List.of(file));

        assertThat(c.test("jwt-weak-secret-own-list").orElseThrow().mutation())
                .isEqualTo(new Mutation.JwtWeakSecret(words.toString()));
    }
}
