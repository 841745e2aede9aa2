package dev.vigil.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.discovery.ParameterLocation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SpecImporterTest {
    static final Path SPECS = Path.of("src/test/resources/openapi");

    private final SpecImporter importer = new SpecImporter();

    static SpecOperation operation(ApiSpec spec, String method, String path) {
        return spec.operations().stream()
                .filter(o -> o.method().equals(method) && o.pathTemplate().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + method + " " + path + " in " + spec.operations()));
    }

    @Test
    void readsOpenApi31WithBasePathResolvedReferencesAndSecurityKeys() {
        ApiSpec spec = importer.read(SPECS.resolve("shop-2.0.yaml"));

        assertThat(spec.title()).isEqualTo("Shop API");
        assertThat(spec.version()).isEqualTo("2.0.0");
        assertThat(spec.servers()).containsExactly("https://shop.example.com/api");
        SpecOperation user = operation(spec, "GET", "/api/users/{id}/");
        JsonNode schema = user.responses().get("200").get("application/json");
        assertThat(schema.path("properties").path("nickname").path("type").toString())
                .isEqualTo("[\"null\",\"string\"]");
        assertThat(schema.path("properties")
                        .path("tags")
                        .path("items")
                        .path("properties")
                        .has("label"))
                .isTrue();
        assertThat(user.parameters())
                .extracting(SpecParameter::name, SpecParameter::in)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("id", ParameterLocation.PATH),
                        org.assertj.core.groups.Tuple.tuple("X-API-Key", ParameterLocation.HEADER));
        assertThat(operation(spec, "GET", "/api/legacy/report").deprecated()).isTrue();
        assertThat(operation(spec, "GET", "/api/users/me").deprecated()).isFalse();
        assertThat(operation(spec, "GET", "/api/health").parameters()).isEmpty();
    }

    @Test
    void mergesPathLevelParametersAndAppliesStyleDefaults() {
        SpecOperation orders = operation(importer.read(SPECS.resolve("shop-2.0.yaml")), "GET", "/api/orders");

        assertThat(orders.parameters())
                .extracting(SpecParameter::name, SpecParameter::style, SpecParameter::explode)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("X-Tenant", "simple", false),
                        org.assertj.core.groups.Tuple.tuple("page", "form", true),
                        org.assertj.core.groups.Tuple.tuple("filter", "deepObject", true));
    }

    @Test
    void convertsSwagger2HostAndBasePathIntoServerAndPaths() {
        ApiSpec spec = importer.read(SPECS.resolve("petstore-swagger2.yaml"));

        assertThat(spec.servers()).containsExactly("https://pets.example.com/v1");
        SpecOperation pet = operation(spec, "GET", "/v1/pets/{petId}");
        JsonNode schema = pet.responses().get("200").get("application/json");
        assertThat(schema.path("properties").path("id").path("type").asText()).isEqualTo("integer");
        assertThat(operation(spec, "GET", "/v1/pets").parameters())
                .extracting(SpecParameter::name)
                .containsExactly("limit");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"closed-3.0.3.yaml", "closed-3.1.0.yaml"})
    void keepsAdditionalPropertiesAsBooleanOrSchema(String file) {
        JsonNode body = operation(importer.read(SPECS.resolve(file)), "POST", "/things")
                .requestBodies()
                .get("application/json");

        assertThat(body.path("additionalProperties").isBoolean()).isTrue();
        assertThat(body.path("additionalProperties").asBoolean()).isFalse();
        assertThat(body.path("properties")
                        .path("labels")
                        .path("additionalProperties")
                        .path("type")
                        .asText())
                .isEqualTo("string");
        assertThat(body.path("properties")
                        .path("extra")
                        .path("additionalProperties")
                        .asBoolean(false))
                .isTrue();
    }

    @Test
    void inlinesReferencesToNeighbouringFiles() {
        ApiSpec spec = importer.read(SPECS.resolve("split/main.yaml"));

        JsonNode user =
                operation(spec, "GET", "/users/{id}").responses().get("200").get("application/json");
        assertThat(user.path("properties").path("email").path("format").asText())
                .isEqualTo("email");
    }

    @Test
    void cutsRecursiveSchemasInsteadOfOverflowing() {
        ApiSpec spec = importer.read(SPECS.resolve("recursive.json"));

        JsonNode node =
                operation(spec, "GET", "/nodes/{id}").responses().get("200").get("application/json");
        assertThat(node.path("properties").path("name").path("type").toString()).isEqualTo("[\"null\",\"string\"]");
        assertThat(node.path("properties").path("children").path("type").asText())
                .isEqualTo("array");
    }

    @Test
    void reportsEveryParserProblemOfAnInvalidSpec() {
        assertThatThrownBy(() -> importer.read(SPECS.resolve("broken.yaml")))
                .isInstanceOfSatisfying(SpecImportException.class, e -> {
                    assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(2);
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("info"));
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("Missing"));
                    assertThat(e.getMessage())
                            .contains("broken.yaml")
                            .contains(e.problems().get(1));
                });
    }

    @Test
    void lenientImporterHandsProblemsOverAndKeepsTheReadableRest() {
        java.util.List<String> warnings = new java.util.ArrayList<>();

        ApiSpec spec = new SpecImporter(warnings::add).read(SPECS.resolve("broken.yaml"));

        assertThat(spec.operations()).extracting(SpecOperation::pathTemplate).containsExactly("/things");
        assertThat(warnings).hasSizeGreaterThanOrEqualTo(2).allSatisfy(w -> assertThat(w)
                .startsWith(SPECS.resolve("broken.yaml").toString()));
    }

    @Test
    void rejectsSomethingThatIsNotAnOpenApiDocument() {
        assertThatThrownBy(() -> importer.read(SPECS.resolve("garbage.yaml")))
                .isInstanceOf(SpecImportException.class)
                .hasMessageContaining("garbage.yaml");
    }

    @Test
    void rejectsAMissingFile() {
        assertThatThrownBy(() -> importer.read(SPECS.resolve("nope.yaml")))
                .isInstanceOfSatisfying(SpecImportException.class, e -> assertThat(e.problems())
                        .containsExactly("file not found or not a regular file"));
    }
}
