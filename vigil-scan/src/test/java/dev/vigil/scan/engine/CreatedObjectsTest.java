package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.Finding;
import dev.vigil.scan.TestServer;
import dev.vigil.scan.TestServer.Res;
import dev.vigil.scan.catalog.Catalog;
import dev.vigil.scan.catalog.CatalogLoader;
import dev.vigil.scan.http.JdkTransport;
import dev.vigil.scan.identity.Identities;
import dev.vigil.scan.identity.IdentitiesLoader;
import dev.vigil.scan.surface.Target;
import dev.vigil.scan.surface.TargetLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Ownership from creation: identities that own nothing yet create objects, then peers replay them. */
class CreatedObjectsTest {
    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: notes, version: "1"}
            security: [{bearer: []}]
            paths:
              /notes:
                post:
                  requestBody: {content: {application/json: {schema: {type: object, properties: {text: {type: string}}}}}}
                  responses: {"201": {description: created}}
              /notes/{noteId}:
                get:
                  parameters: [{name: noteId, in: path, required: true, schema: {type: integer}}]
                  responses: {"200": {description: ok}}
            components:
              securitySchemes: {bearer: {type: http, scheme: bearer}}
            """;
    private static final Identities IDS = new IdentitiesLoader(Map.of()).parse("""
                    identities:
                      - {name: ann, auth: {type: bearer, token: token-ann}}
                      - {name: ben, auth: {type: bearer, token: token-ben}}
                    """, "ids.yaml");

    private static TestServer notes(boolean checksOwner) {
        return notes(checksOwner, false);
    }

    /** {@code locationOnly}: creation answers 201 with a Location header and no body (the id travels only there). */
    private static TestServer notes(boolean checksOwner, boolean locationOnly) {
        Map<Integer, String> owners = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger(500);
        return new TestServer(req -> {
            String auth = req.header("authorization");
            String user = auth.equals("Bearer token-ann") ? "ann" : auth.equals("Bearer token-ben") ? "ben" : null;
            if (user == null) {
                return Res.json(401, "{}");
            }
            if (req.method().equals("POST") && req.path().equals("/notes")) {
                int id = next.incrementAndGet();
                owners.put(id, user);
                return locationOnly
                        ? new Res(201, Map.of("Location", "/notes/" + id), "")
                        : Res.json(201, "{\"id\":" + id + ",\"text\":\"vigil\"}");
            }
            if (req.method().equals("GET") && req.path().startsWith("/notes/")) {
                try {
                    int id = Integer.parseInt(req.path().substring(7));
                    String owner = owners.get(id);
                    if (owner == null || (checksOwner && !owner.equals(user))) {
                        return Res.json(404, "{\"title\":\"not found\"}");
                    }
                    return Res.json(200, "{\"id\":" + id + ",\"owner\":\"" + owner + "\",\"text\":\"secret note\"}");
                } catch (NumberFormatException e) {
                    return Res.json(400, "{}");
                }
            }
            return Res.json(404, "{}");
        });
    }

    private static List<Finding> scan(TestServer server) throws InterruptedException {
        Target target = new TargetLoader(Map.of()).build(server.baseUrl(), List.of(), Optional.of(SPEC));
        Catalog catalog = new CatalogLoader().load(List.of()).only(List.of("bola-read"));
        String host = server.baseUrl().getHost() + ":" + server.baseUrl().getPort();
        ScanPolicy policy = new ScanPolicy(Set.of(host), true, 500, 0, 2, false, Duration.ofMillis(200));
        return new ScanEngine(
                        new JdkTransport(
                                JdkTransport.defaultClient(Duration.ofSeconds(2)),
                                Clock.systemUTC(),
                                Duration.ofSeconds(5)),
                        Clock.systemUTC(),
                        d -> {})
                .run(target, IDS, catalog, policy, Optional.empty())
                .findings();
    }

    @Test
    void flagsPeersReadingObjectsTheOtherCreated() throws Exception {
        try (TestServer server = notes(false)) {
            assertThat(scan(server)).extracting(Finding::identity).containsExactlyInAnyOrder("ann", "ben");
        }
    }

    @Test
    void staysQuietWhenTheServerChecksTheOwner() throws Exception {
        try (TestServer server = notes(true)) {
            assertThat(scan(server)).isEmpty();
        }
    }

    @Test
    void learnsTheIdsOfCreatedObjectsFromTheirLocationHeader() throws Exception {
        try (TestServer server = notes(false, true)) {
            assertThat(scan(server)).extracting(Finding::identity).containsExactlyInAnyOrder("ann", "ben");
        }
    }

    @Test
    void staysQuietOnLocationOnlyCreationWhenTheServerChecksTheOwner() throws Exception {
        try (TestServer server = notes(true, true)) {
            assertThat(scan(server)).isEmpty();
        }
    }
}
