package dev.vigil.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionsTest {
    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path p = dir.resolve("types.yaml");
        Files.writeString(p, yaml);
        return p;
    }

    private static List<String> problems(Path file) {
        try {
            Classifier.withDefinitions(file);
        } catch (DefinitionsException e) {
            return e.problems();
        }
        throw new AssertionError("expected DefinitionsException");
    }

    @Test
    void reportsEveryProblemInTheFileAtOnce() throws IOException {
        Path file = write("""
                version: 1
                colour: blue
                types:
                  - id: Bad-Id
                    name: x
                    category: PII
                    sensitivity: 3
                    validator: luhn
                  - id: employee_id
                    category: PERSONAL
                    sensitivity: 9
                    pattern: 'E[0-9+'
                    keys: [employee id]
                    value_confidence: 1.5
                    surprise: true
                  - id: employee_id
                    name: Duplicate
                    category: PII
                    sensitivity: 2
                  - id: key_only
                    name: Needs key
                    category: PII
                    sensitivity: 2
                    requires_key: true
                    min_length: 10
                    max_length: 5
                  - just a string
                """);
        List<String> problems = problems(file);
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).contains("unknown top-level field 'colour'"))
                .anySatisfy(p -> assertThat(p).contains("types[0]").contains("id: required, snake_case"))
                .anySatisfy(p -> assertThat(p).contains("types[0]").contains("validator: unknown 'luhn'"))
                .anySatisfy(p -> assertThat(p).contains("(id=employee_id)").contains("name: required"))
                .anySatisfy(p -> assertThat(p).contains("category: must be one of"))
                .anySatisfy(p -> assertThat(p).contains("sensitivity: required, an integer from 1 to 5"))
                .anySatisfy(p -> assertThat(p).contains("pattern: not a valid Java regular expression"))
                .anySatisfy(p -> assertThat(p).contains("value_confidence: must be a number in (0, 1]"))
                .anySatisfy(p -> assertThat(p).contains("unknown field 'surprise'"))
                .anySatisfy(p -> assertThat(p).contains("types[2]").contains("defined twice"))
                .anySatisfy(p -> assertThat(p).contains("types[2]").contains("nothing to match"))
                .anySatisfy(p -> assertThat(p).contains("requires_key is true but no keys"))
                .anySatisfy(p -> assertThat(p).contains("min_length is greater than max_length"))
                .anySatisfy(p -> assertThat(p).contains("types[4]: must be a mapping"));
        assertThat(problems).hasSizeGreaterThanOrEqualTo(14);
    }

    @Test
    void reportsYamlSyntaxErrorsAndMissingFiles() throws IOException {
        assertThat(problems(write("types: [\n  - id: x\n")))
                .singleElement()
                .asString()
                .contains("not valid YAML");
        assertThat(problems(dir.resolve("absent.yaml")))
                .singleElement()
                .asString()
                .contains("cannot be read");
    }

    @Test
    void userTypeOverridesBuiltInWithSameId() throws IOException {
        Classifier builtIn = Classifier.builtIn();
        assertThat(builtIn.classify("", "192.168.10.24"))
                .extracting(m -> m.type().id())
                .contains("ip_address");
        Path file = write("""
                types:
                  - id: ip_address
                    name: IP address (only when the key says so)
                    category: PII
                    sensitivity: 1
                    keys: [ip]
                    validator: ip
                    requires_key: true
                """);
        Classifier c = Classifier.withDefinitions(file);
        assertThat(c.classify("", "192.168.10.24")).isEmpty();
        assertThat(c.classify("ip", "192.168.10.24")).singleElement().satisfies(m -> {
            assertThat(m.type().id()).isEqualTo("ip_address");
            assertThat(m.type().sensitivity()).isEqualTo(1);
        });
        assertThat(c.types()).hasSameSizeAs(builtIn.types());
    }

    @Test
    void userFileAddsPatternTypesAndDisablesBuiltIns() throws IOException {
        Path file = write("""
                key_excludes: [example]
                types:
                  - id: employee_id
                    name: Employee number
                    category: PII
                    sensitivity: 2
                    keys: [employee id, staff number]
                    pattern: 'EMP-[0-9]{6}'
                    prefixes: [EMP-]
                    value_confidence: 0.6
                  - id: geolocation
                    enabled: false
                """);
        Classifier c = Classifier.withDefinitions(file);
        assertThat(c.classify("", "EMP-123456")).extracting(m -> m.type().id()).containsExactly("employee_id");
        assertThat(c.classify("", "EMP-12345")).isEmpty();
        assertThat(c.classify("staffNumber", "EMP-123456").get(0).confidence())
                .isGreaterThan(c.classify("", "EMP-123456").get(0).confidence());
        assertThat(c.classify("staffNumberExample", "EMP-123456").get(0).confidence())
                .isEqualTo(c.classify("", "EMP-123456").get(0).confidence());
        assertThat(c.classify("latitude", "51.5074")).isEmpty();
        assertThat(c.types()).extracting(DataType::id).contains("employee_id").doesNotContain("geolocation");
    }

    @Test
    void disablingAnUnknownTypeIsAProblem() throws IOException {
        Path file = write("""
                types:
                  - id: no_such_type
                    enabled: false
                """);
        assertThat(problems(file)).singleElement().asString().contains("disables unknown data type 'no_such_type'");
    }

    @Test
    void problemMessagesNeverCarrySampleValuesBecauseDefinitionsHoldNone() {
        assertThatThrownBy(() -> Classifier.withDefinitions(dir.resolve("missing.yaml")))
                .isInstanceOf(DefinitionsException.class)
                .hasMessageContaining("1 problem(s)");
    }
}
