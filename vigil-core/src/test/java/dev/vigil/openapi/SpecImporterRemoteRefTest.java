package dev.vigil.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A spec must never make the importer fetch a URL: a remote {@code $ref} to a listener on 127.0.0.1
 * is refused, naming the reference, and the listener sees no request. Relative file references, the
 * usual way to split a spec, still import. All traffic stays on 127.0.0.1.
 */
class SpecImporterRemoteRefTest {
    private static final String USER = """
            User:
              type: object
              properties:
                id: { type: string }
                email: { $ref: '../common.yaml#/Email' }
            """;

    @TempDir
    Path dir;

    private HttpServer listener;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> requested = Collections.synchronizedList(new ArrayList<>());
    private int port;

    @BeforeEach
    void startListener() throws IOException {
        listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/", exchange -> {
            requests.incrementAndGet();
            requested.add(exchange.getRequestURI().toString());
            byte[] body = "User: { type: object, properties: { leaked: { type: string } } }\n"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        listener.start();
        port = listener.getAddress().getPort();
    }

    @AfterEach
    void stopListener() {
        listener.stop(0);
    }

    private static String spec(String version, String ref) {
        if (version.equals("2.0")) {
            return """
                    swagger: '2.0'
                    info: { title: Split, version: '1' }
                    host: api.example.com
                    paths:
                      /users/{id}:
                        get:
                          produces: [application/json]
                          parameters:
                            - { name: id, in: path, required: true, type: string }
                          responses:
                            '200':
                              description: a user
                              schema: { $ref: 'REF' }
                    """.replace("REF", ref);
        }
        return """
                openapi: VERSION
                info: { title: Split, version: '1' }
                paths:
                  /users/{id}:
                    get:
                      parameters:
                        - { name: id, in: path, required: true, schema: { type: string } }
                      responses:
                        '200':
                          description: a user
                          content:
                            application/json:
                              schema: { $ref: 'REF' }
                """.replace("VERSION", version).replace("REF", ref);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private Path splitSpec(String version, String userSchemas) throws IOException {
        write("schemas/user.yaml", userSchemas);
        write("common.yaml", "Email: { type: string, format: email }\n");
        return write("main.yaml", spec(version, "./schemas/user.yaml#/User"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.0.3", "3.1.0", "2.0"})
    void relativeFileReferencesAcrossDirectoriesStillImport(String version) throws IOException {
        ApiSpec spec = new SpecImporter().read(splitSpec(version, USER));

        JsonNode user = SpecImporterTest.operation(spec, "GET", "/users/{id}")
                .responses()
                .get("200")
                .get("application/json");
        assertThat(user.path("properties").path("email").path("format").asText())
                .isEqualTo("email");
        assertThat(requests).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.0.3", "3.1.0", "2.0"})
    void remoteReferenceToALoopbackListenerIsRefusedBeforeAnyRequest(String version) throws IOException {
        String ref = "http://127.0.0.1:" + port + "/schemas.yaml#/User";
        Path main = write("main.yaml", spec(version, ref));

        for (SpecImporter importer : List.of(new SpecImporter(), new SpecImporter(warning -> {}))) {
            assertThatThrownBy(() -> importer.read(main))
                    .isInstanceOfSatisfying(
                            SpecImportException.class,
                            e -> assertThat(e.problems()).singleElement().satisfies(problem -> assertThat(problem)
                                    .contains("$ref '" + ref + "' in main.yaml refused")
                                    .contains("remote references are not fetched")
                                    .contains("127.0.0.1, a loopback address")))
                    .hasMessageContaining(main.toString());
        }
        assertThat(requested).isEmpty();
        assertThat(requests).hasValue(0);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://localhost:PORT/schemas.yaml#/User | localhost, a loopback name",
                "HTTP://127.0.0.1:PORT/schemas.yaml#/User | 127.0.0.1, a loopback address",
                "https://127.0.0.1:PORT/schemas.yaml#/User | 127.0.0.1, a loopback address",
                "http://user@127.0.0.1:PORT/schemas.yaml#/User | 127.0.0.1, a loopback address",
                "http://127.1:PORT/schemas.yaml#/User | 127.1, a numeric address",
                "http://[::1]:PORT/schemas.yaml#/User | [::1], a loopback address",
                "//127.0.0.1:PORT/schemas.yaml#/User | 127.0.0.1, a loopback address",
                "jar:http://127.0.0.1:PORT/specs.jar!/schemas.yaml#/User | ''",
                "file:///etc/passwd | ''",
            })
    void everyRemoteSpellingIsRefused(String template, String pointsAt) throws IOException {
        String ref = template.replace("PORT", Integer.toString(port));
        Path main = write("main.yaml", spec("3.0.3", ref));

        assertThatThrownBy(() -> new SpecImporter().read(main))
                .isInstanceOfSatisfying(
                        SpecImportException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(problem -> {
                            assertThat(problem).contains("$ref '" + ref + "'").contains("refused");
                            if (!pointsAt.isEmpty()) {
                                assertThat(problem).contains("points at " + pointsAt);
                            }
                        }));
        assertThat(requests).hasValue(0);
    }

    @Test
    void aRemoteReferenceInAReferencedLocalFileIsRefusedNamingThatFile() throws IOException {
        String ref = "http://127.0.0.1:" + port + "/email.yaml#/Email";
        Path main = splitSpec("3.0.3", USER.replace("../common.yaml#/Email", ref));

        assertThatThrownBy(() -> new SpecImporter().read(main))
                .isInstanceOfSatisfying(
                        SpecImportException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(problem -> assertThat(problem)
                                .contains("$ref '" + ref + "' in " + Path.of("schemas", "user.yaml"))
                                .contains("a loopback address")));
        assertThat(requests).hasValue(0);
    }

    @Test
    void aRelativeReferenceBelowARemoteIdIsRefused() throws IOException {
        write("schemas.yaml", "User: { type: object }\n");
        Path main = write("main.yaml", """
                openapi: 3.1.0
                info: { title: Ids, version: '1' }
                paths:
                  /users:
                    get:
                      responses:
                        '200':
                          description: users
                          content:
                            application/json:
                              schema:
                                $id: http://127.0.0.1:PORT/base/root.json
                                type: object
                                properties:
                                  user: { $ref: 'schemas.yaml#/User' }
                                  self: { $ref: '#/properties/user' }
                """.replace("PORT", Integer.toString(port)));

        assertThatThrownBy(() -> new SpecImporter().read(main))
                .isInstanceOfSatisfying(
                        SpecImportException.class,
                        e -> assertThat(e.problems()).singleElement().satisfies(problem -> assertThat(problem)
                                .contains("$ref 'schemas.yaml#/User' in main.yaml refused")
                                .contains("http://127.0.0.1:" + port + "/base/schemas.yaml#/User")
                                .contains("a loopback address")));
        assertThat(requests).hasValue(0);
    }

    @Test
    void anIdIsNoBaseForRelativeReferencesInOpenApi30() throws IOException {
        Path main =
                splitSpec("3.0.3", USER.replace("type: object", "type: object\n  $id: http://127.0.0.1:" + port + "/"));

        ApiSpec spec = new SpecImporter().read(main);

        assertThat(spec.operations()).hasSize(1);
        assertThat(requests).hasValue(0);
    }

    @Test
    void aPublicRemoteReferenceIsRefusedToo() throws IOException {
        String ref = "https://schemas.example.com/user.yaml#/User";
        Path main = write("main.json", """
                {"openapi": "3.0.3", "info": {"title": "J", "version": "1"},
                 "paths": {"/u": {"get": {"responses": {"200": {"description": "d",
                   "content": {"application/json": {"schema": {"$ref": "REF"}}}}}}}}}
                """.replace("REF", ref));

        assertThatThrownBy(() -> new SpecImporter().read(main))
                .isInstanceOfSatisfying(SpecImportException.class, e -> assertThat(e.problems())
                        .containsExactly("$ref '" + ref + "' in main.json refused: remote references are not"
                                + " fetched. Keep a local copy next to the spec and reference it by a relative"
                                + " path."));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "127.0.0.1 | a loopback address",
                "[::1] | a loopback address",
                "169.254.169.254 | a link-local address (where cloud metadata services listen)",
                "[fe80::1] | a link-local address (where cloud metadata services listen)",
                "10.1.2.3 | a private address",
                "172.16.0.1 | a private address",
                "192.168.1.1 | a private address",
                "[fd00::1] | a private address",
                "[::ffff:127.0.0.1] | a loopback address",
                "0.0.0.0 | an unspecified address (this host)",
                "100.64.0.1 | a shared (carrier-grade NAT) address",
                "2130706433 | a numeric address",
                "0x7f.0.0.1 | a numeric address",
                "localhost | a loopback name",
                "93.184.216.34 | -",
                "schemas.example.com | -",
                "999.1.1.1 | -",
                "[zz:x.example] | -",
            })
    void classifiesLiteralHostsWithoutLookingAnythingUp(String host, String kind) {
        assertThat(RemoteRefGuard.kind(host)).isEqualTo(kind);
    }

    /** The import is refused, the problem says {@code expected}, and the listener got nothing. */
    private void assertRefused(Path main, String expected) {
        assertThatThrownBy(() -> new SpecImporter(warning -> {}).read(main))
                .isInstanceOfSatisfying(SpecImportException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains(expected)));
        assertThat(requests).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.0.3", "2.0"})
    void aRemoteReferenceBehindAYamlAliasIsRefused(String version) throws IOException {
        // The parser's YAML reader replaces *u by the anchored URL; a reader that kept "u" would let it by.
        String url = "http://127.0.0.1:" + port + "/a.yaml#/User";
        Path main = write(
                "main.yaml", "x-url: &u " + url + "\n" + spec(version, "REF").replace("'REF'", "*u"));

        assertRefused(main, "$ref '" + url + "' in main.yaml refused");
    }

    @Test
    void aFileWithAByteThatIsNotUtf8IsStillSearched() throws IOException {
        // The parser decodes such a byte as U+FFFD and reads on; so does the search.
        String ref = "http://127.0.0.1:" + port + "/a.yaml#/User";
        Path main = dir.resolve("main.yaml");
        byte[] comment = "# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] rest = spec("3.0.3", ref).getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[comment.length + rest.length];
        System.arraycopy(comment, 0, all, 0, comment.length);
        System.arraycopy(rest, 0, all, comment.length, rest.length);
        Files.write(main, all);

        assertRefused(main, "$ref '" + ref + "' in main.yaml refused");
    }

    @Test
    void theFileTheParserFallsBackToForAMissingParentPathIsSearchedToo() throws IOException {
        // d/spec.yaml names ../x/c.yaml, which does not exist; swagger-parser then reads d/x/c.yaml.
        String ref = "http://127.0.0.1:" + port + "/a.yaml#/User";
        write("d/x/c.yaml", "User: { $ref: '" + ref + "' }\n");
        Path main = write("d/spec.yaml", spec("3.0.3", "../x/c.yaml#/User"));

        assertRefused(main, "$ref '" + ref + "' in " + Path.of("x", "c.yaml") + " refused");
    }

    @Test
    void aReferenceToAFileThatCannotBeFoundOrParsedIsRefused() throws IOException {
        Path missing = write("main.yaml", spec("3.0.3", "./nowhere.yaml#/User"));
        assertRefused(missing, "$ref './nowhere.yaml#/User' in main.yaml refused: no file of that name was found");

        write("broken.yaml", "User: [unclosed\n");
        Path broken = write("main2.yaml", spec("3.0.3", "./broken.yaml#/User"));
        assertRefused(broken, "broken.yaml refused: its references could not be checked");
    }

    @Test
    void aFileReferenceOutsideTheSpecsDirectoryAndTheWorkingDirectoryIsRefused(@TempDir Path elsewhere)
            throws IOException {
        // A spec from a pull request must not inline the machine's own files into the import.
        Path secret = Files.writeString(elsewhere.resolve("credentials.yaml"), "User: { type: object }\n");
        String ref = dir.relativize(secret).toString().replace('\\', '/') + "#/User";
        Path main = write("main.yaml", spec("3.0.3", ref));

        assertRefused(main, "$ref '" + ref + "' in main.yaml refused: it names " + secret);
        // Its safe twin, a file next to the spec, is relativeFileReferencesAcrossDirectoriesStillImport.
    }
}
