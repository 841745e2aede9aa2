package dev.vigil.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressionsTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path p = dir.resolve("suppressions.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void suppressesMatchingLocationAndTypeOnly() throws IOException {
        Suppressions s = Suppressions.load(write("""
                suppressions:
                  - location: "response:$.orders[].reference"
                    data_type: credit_card
                    reason: order references are Luhn-valid by construction
                  - location: "query:debug_*"
                    data_type: "*"
                    reason: synthetic debug parameters
                """));
        assertThat(s.suppressed("response:$.orders[].reference", "credit_card")).isTrue();
        assertThat(s.suppressed("response:$.orders[].reference", "iban")).isFalse();
        assertThat(s.suppressed("response:$.orders[].card", "credit_card")).isFalse();
        assertThat(s.suppressed("query:debug_token", "access_token")).isTrue();
        assertThat(s.suppressed("query:token", "access_token")).isFalse();
    }

    @Test
    void noneSuppressesNothing() {
        assertThat(Suppressions.none().suppressed("query:x", "email")).isFalse();
    }

    @Test
    void reportsEveryProblemAtOnce() throws IOException {
        DefinitionsException e = catchThrowableOfType(DefinitionsException.class, () -> Suppressions.load(write("""
                        extra: 1
                        suppressions:
                          - location: "query:a"
                            data_type: Credit Card
                            reason: x
                          - data_type: email
                            reason: ""
                            owner: me
                          - location: "query:b"
                            data_type: email
                            reason: ok
                          - location: "query:b"
                            data_type: email
                            reason: again
                        """)));
        assertThat(e.problems())
                .anySatisfy(p -> assertThat(p).contains("unknown top-level field 'extra'"))
                .anySatisfy(p -> assertThat(p).contains("suppressions[0]: data_type: must be a data type id"))
                .anySatisfy(p -> assertThat(p).contains("suppressions[1]: location: required"))
                .anySatisfy(p -> assertThat(p).contains("suppressions[1]: reason: required"))
                .anySatisfy(p -> assertThat(p).contains("suppressions[1]: unknown field 'owner'"))
                .anySatisfy(p -> assertThat(p).contains("suppressions[3]: duplicates"))
                .hasSize(6);
    }

    @Test
    void reportsUnknownDataTypesWhenGivenTheClassifier() throws IOException {
        Path file = write("""
                suppressions:
                  - location: "query:a"
                    data_type: credit_crad
                    reason: typo
                  - location: "query:b"
                    data_type: credit_card
                    reason: fine
                """);
        assertThat(Suppressions.load(file).suppressed("query:a", "credit_crad")).isTrue();
        DefinitionsException e =
                catchThrowableOfType(DefinitionsException.class, () -> Suppressions.load(file, Classifier.builtIn()));
        assertThat(e.problems()).singleElement().asString().contains("unknown data type 'credit_crad'");
    }

    @Test
    void globWildcardsMatchRunsAndSingleCharacters() {
        assertThat(Glob.matches("a*c", "abbbc")).isTrue();
        assertThat(Glob.matches("a*c", "ac")).isTrue();
        assertThat(Glob.matches("a?c", "abc")).isTrue();
        assertThat(Glob.matches("a?c", "ac")).isFalse();
        assertThat(Glob.matches("$.items[].x", "$.items[].x")).isTrue();
        assertThat(Glob.matches("$.items[].x", "$.items[].xy")).isFalse();
    }
}
