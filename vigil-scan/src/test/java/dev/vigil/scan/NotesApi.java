package dev.vigil.scan;

import dev.vigil.scan.TestServer.Req;
import dev.vigil.scan.TestServer.Res;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned notes API for the stateful checks (cleanup, use after delete, old versions), with
 * each flaw switchable; with none it is the safe twin. Notes are owned by their creator.
 */
public final class NotesApi implements AutoCloseable {
    public enum Flaw {
        /** DELETE only hides a note from the list; reading it by id still works. */
        USE_AFTER_DELETE,
        /** The retired v1 still serves the same routes as v2. */
        OLD_VERSION_LIVE,
        /** DELETE only hides a note from the list and from reads; PATCH by id still changes it. */
        UPDATE_AFTER_DELETE
    }

    public static String spec(boolean documentsDelete) {
        return """
                openapi: 3.0.3
                info: {title: notes, version: "2"}
                security: [{bearer: []}]
                paths:
                  /api/v2/notes:
                    get: {responses: {"200": {description: ok}}}
                    post:
                      requestBody: {content: {application/json: {schema: {type: object, properties: {text: {type: string, example: hello}}}}}}
                      responses: {"201": {description: created}}
                  /api/v2/notes/{noteId}:
                    get:
                      parameters: [{name: noteId, in: path, required: true, schema: {type: integer}}]
                      responses: {"200": {description: ok}}
                """ + (documentsDelete ? """
                    delete:
                      parameters: [{name: noteId, in: path, required: true, schema: {type: integer}}]
                      responses: {"204": {description: deleted}}
                    patch:
                      parameters: [{name: noteId, in: path, required: true, schema: {type: integer}}]
                      requestBody: {content: {application/json: {schema: {type: object, properties: {text: {type: string, example: edited}}}}}}
                      responses: {"200": {description: ok}}
                """ : "") + """
                components:
                  securitySchemes: {bearer: {type: http, scheme: bearer}}
                """;
    }

    public static final String IDENTITIES = """
            identities:
              - {name: ann, auth: {type: bearer, token: token-ann}}
              - {name: ben, auth: {type: bearer, token: token-ben}}
            """;

    private static final Pattern ITEM = Pattern.compile("/api/(v\\d+)/notes/(\\d+)");
    private static final Pattern LIST = Pattern.compile("/api/(v\\d+)/notes");

    private record Note(int id, String owner, String text, boolean deleted) {}

    private final Set<Flaw> flaws;
    private final Map<Integer, Note> notes = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(500);
    private final TestServer server;

    public NotesApi(Set<Flaw> flaws) {
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
        notes.put(1, new Note(1, "ann", "ann's first note", false));
        notes.put(2, new Note(2, "ben", "ben's first note", false));
        server = new TestServer(this::handle);
    }

    public URI baseUrl() {
        return server.baseUrl();
    }

    /** Notes that exist and are not deleted. */
    public long liveNotes() {
        return notes.values().stream().filter(n -> !n.deleted()).count();
    }

    private Res handle(Req req) {
        String auth = req.header("authorization");
        String user = auth.equals("Bearer token-ann") ? "ann" : auth.equals("Bearer token-ben") ? "ben" : null;
        if (user == null) {
            return Res.json(401, "{\"title\":\"unauthorized\"}");
        }
        Matcher item = ITEM.matcher(req.path());
        Matcher list = LIST.matcher(req.path());
        String version = item.matches() ? item.group(1) : list.matches() ? list.group(1) : "";
        boolean served = version.equals("v2") || (version.equals("v1") && flaws.contains(Flaw.OLD_VERSION_LIVE));
        if (!served) {
            return Res.json(404, "{\"title\":\"not found\"}");
        }
        if (list.matches()) {
            return switch (req.method()) {
                case "POST" -> create(user, version);
                case "GET" -> list(user);
                default -> Res.json(405, "{}");
            };
        }
        Note n = notes.get(Integer.parseInt(item.group(2)));
        boolean visibleDeleted = flaws.contains(Flaw.USE_AFTER_DELETE)
                || (flaws.contains(Flaw.UPDATE_AFTER_DELETE) && req.method().equals("PATCH"));
        if (n == null || !n.owner().equals(user) || (n.deleted() && !visibleDeleted)) {
            return Res.json(404, "{\"title\":\"not found\"}");
        }
        return switch (req.method()) {
            case "GET" -> Res.json(200, json(n));
            case "PATCH" -> Res.json(200, json(n));
            case "DELETE" -> {
                if (n.deleted()) {
                    yield Res.json(404, "{\"title\":\"not found\"}");
                }
                if (flaws.contains(Flaw.USE_AFTER_DELETE) || flaws.contains(Flaw.UPDATE_AFTER_DELETE)) {
                    notes.put(n.id(), new Note(n.id(), n.owner(), n.text(), true));
                } else {
                    notes.remove(n.id());
                }
                yield new Res(204, Map.of(), "");
            }
            default -> Res.json(405, "{}");
        };
    }

    private Res create(String user, String version) {
        int id = next.incrementAndGet();
        Note n = new Note(id, user, "vigil", false);
        notes.put(id, n);
        return Res.json(201, json(n)).with("Location", "/api/" + version + "/notes/" + id);
    }

    private Res list(String user) {
        StringBuilder b = new StringBuilder("{\"items\":[");
        notes.values().stream()
                .filter(n -> n.owner().equals(user) && !n.deleted())
                .sorted((a, c) -> a.id() - c.id())
                .forEach(n ->
                        b.append(b.charAt(b.length() - 1) == '[' ? "" : ",").append(json(n)));
        return Res.json(200, b.append("]}").toString());
    }

    private static String json(Note n) {
        return "{\"id\":" + n.id() + ",\"owner\":\"" + n.owner() + "\",\"text\":\"" + n.text() + "\"}";
    }

    @Override
    public void close() {
        server.close();
    }
}
