package dev.vigil.scan.engine;

import dev.vigil.scan.TestServer;
import dev.vigil.scan.TestServer.Req;
import dev.vigil.scan.TestServer.Res;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small clinic API (test code) with switchable flaws for the property, resource and HTTP-surface
 * checks. Three bearer identities: {@code pat} (patient, level 1) owns patient 7 (seen through her
 * appointments); {@code nurse} (level 2) and {@code doc} (level 3) read every patient and the
 * patient list. Patient numbers are masked for the patient herself.
 */
final class ClinicApi implements AutoCloseable {
    enum Flaw {
        /** The nurse's view of a patient carries the full national id that the patient's own view masks. */
        STAFF_UNMASKED,
        /** The nurse's view carries internal notes the doctor's (more privileged) view does not. */
        LOWER_ROLE_SECRET,
        /** The patient list carries password hashes the patient read leaves out. */
        LIST_SECRET,
        /** {@code limit} on /events is not capped (1500 events exist). */
        UNCAPPED_PAGE,
        /** POST /notes accepts any body size. */
        BIG_BODY,
        /** TRACE echoes requests. */
        TRACE,
        /** /actuator/env is served. */
        ACTUATOR,
        /** PUT /patients/{id} is answered though undocumented. */
        PUT_ON_READ,
        /** Every unknown path answers 200 with a HAL self link (a catch-all, not a flaw). */
        HAL_CATCH_ALL,
        /** /events ignores limits above 100 silently (a cap, not a flaw) */
        SILENT_CAP,
        /** The nurse gets her own staff record, with her full national id, whatever patient id she asks for (not a leak of the patient's data) */
        SELF_FOR_ANY_ID,
        /** Every second read of a patient by the same caller answers 429 (a rate limiter, not a flaw) */
        THROTTLED_REPEAT
    }

    static final String SPEC = """
            openapi: 3.0.3
            info: {title: clinic, version: "1"}
            security: [{bearer: []}]
            paths:
              /appointments:
                get: {responses: {"200": {description: ok}}}
              /patients:
                get: {responses: {"200": {description: ok}}}
              /patients/{patientId}:
                get:
                  parameters: [{name: patientId, in: path, required: true, schema: {type: integer}}]
                  responses: {"200": {description: ok}}
              /events:
                get:
                  parameters: [{name: limit, in: query, schema: {type: integer}}]
                  responses: {"200": {description: ok}}
              /notes:
                post:
                  requestBody:
                    content:
                      application/json:
                        schema: {type: object, properties: {text: {type: string, example: "hello"}}}
                  responses: {"201": {description: ok}}
            components:
              securitySchemes: {bearer: {type: http, scheme: bearer}}
            """;

    static final String IDENTITIES = """
            roles: {patient: 1, nurse: 2, doctor: 3}
            identities:
              - {name: pat, roles: [patient], auth: {type: bearer, token: pat-token}}
              - {name: nurse, roles: [nurse], auth: {type: bearer, token: nurse-token}}
              - {name: doc, roles: [doctor], auth: {type: bearer, token: doc-token}}
            """;

    private static final Map<String, String> WHO =
            Map.of("Bearer pat-token", "pat", "Bearer nurse-token", "nurse", "Bearer doc-token", "doc");
    private static final Pattern PATIENT = Pattern.compile("/patients/(\\d+)");
    /** Patients' own bank accounts for refunds: the same sensitive value in the list and the item read. */
    private static final Map<Integer, String> IBANS = Map.of(7, "DE89370400440532013000", 8, "GB82WEST12345698765432");

    private final Set<Flaw> flaws;
    private final TestServer server;
    private final int events;
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> reads =
            new java.util.concurrent.ConcurrentHashMap<>();

    ClinicApi(Set<Flaw> flaws, int events) {
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
        this.events = events;
        this.server = new TestServer(this::handle);
    }

    URI baseUrl() {
        return server.baseUrl();
    }

    private Res handle(Req r) {
        if (r.method().equals("TRACE")) {
            return flaws.contains(Flaw.TRACE)
                    ? new Res(
                            200,
                            Map.of("Content-Type", "message/http"),
                            "TRACE " + r.path() + " HTTP/1.1\r\n" + "x-vigil-trace: " + r.header("x-vigil-trace")
                                    + "\r\n")
                    : Res.json(405, "{\"error\":\"method not allowed\"}");
        }
        if (r.path().equals("/actuator/env") && flaws.contains(Flaw.ACTUATOR)) {
            return Res.json(200, "{\"activeProfiles\":[],\"propertySources\":[{\"name\":\"env\",\"properties\":{}}]}");
        }
        String who = WHO.get(r.header("authorization"));
        if (who == null) {
            return known(r.path()) ? Res.json(401, "{\"error\":\"unauthorized\"}") : notFound(r);
        }
        Matcher patient = PATIENT.matcher(r.path());
        if (r.method().equals("GET") && r.path().equals("/appointments")) {
            return Res.json(
                    200,
                    who.equals("pat")
                            ? "{\"items\":[{\"id\":1,\"patientId\":7,\"when\":\"2026-01-05\"}]}"
                            : "{\"items\":[]}");
        }
        if (r.method().equals("GET") && r.path().equals("/patients")) {
            if (who.equals("pat")) {
                return Res.json(403, "{\"error\":\"staff only\"}");
            }
            return Res.json(200, "{\"items\":[" + listItem(7) + "," + listItem(8) + "]}");
        }
        if (patient.matches()) {
            int id = Integer.parseInt(patient.group(1));
            if (id != 7 && id != 8) {
                return notFound(r);
            }
            if (who.equals("pat") && id != 7) {
                return Res.json(404, "{\"error\":\"not found\"}");
            }
            if (r.method().equals("PUT")) {
                return flaws.contains(Flaw.PUT_ON_READ) ? Res.json(200, patient(id, who)) : Res.json(405, "{}");
            }
            if (r.method().equals("GET")
                    && flaws.contains(Flaw.THROTTLED_REPEAT)
                    && reads.computeIfAbsent(who + r.path(), k -> new java.util.concurrent.atomic.AtomicInteger())
                                            .incrementAndGet()
                                    % 2
                            == 0) {
                return Res.json(429, "{\"error\":\"slow down\"}");
            }
            if (r.method().equals("GET") && who.equals("nurse") && flaws.contains(Flaw.SELF_FOR_ANY_ID)) {
                return Res.json(200, "{\"id\":99,\"name\":\"Nurse\",\"ssn\":\"536-22-8499\"}");
            }
            if (r.method().equals("GET")) {
                return Res.json(200, patient(id, who));
            }
            return Res.json(405, "{}");
        }
        if (r.method().equals("GET") && r.path().equals("/events")) {
            int limit = r.queryParam("limit").isEmpty() ? 20 : Integer.parseInt(r.queryParam("limit"));
            if (limit > 100 && !flaws.contains(Flaw.UNCAPPED_PAGE)) {
                if (!flaws.contains(Flaw.SILENT_CAP)) {
                    return Res.json(400, "{\"error\":\"limit must be at most 100\"}");
                }
                limit = 100;
            }
            List<String> items = new ArrayList<>();
            for (int i = 0; i < Math.min(limit, events); i++) {
                items.add("{\"id\":" + i + ",\"kind\":\"visit\"}");
            }
            return Res.json(200, "{\"items\":[" + String.join(",", items) + "]}");
        }
        if (r.method().equals("POST") && r.path().equals("/notes")) {
            if (r.body().length() > 64 * 1024 && !flaws.contains(Flaw.BIG_BODY)) {
                return Res.json(413, "{\"error\":\"too large\"}");
            }
            return Res.json(201, "{\"id\":\"n1\"}");
        }
        return notFound(r);
    }

    private static boolean known(String path) {
        return path.equals("/appointments")
                || path.equals("/patients")
                || path.equals("/events")
                || path.equals("/notes")
                || PATIENT.matcher(path).matches();
    }

    private Res notFound(Req r) {
        if (flaws.contains(Flaw.HAL_CATCH_ALL)) {
            return Res.json(200, "{\"_links\":{\"self\":{\"href\":\"" + r.path() + "\"}}}");
        }
        return Res.json(404, "{\"error\":\"not found\"}");
    }

    private String listItem(int id) {
        return "{\"id\":" + id + ",\"name\":\"Patient " + id + "\",\"iban\":\"" + IBANS.get(id) + "\""
                + (flaws.contains(Flaw.LIST_SECRET)
                        ? ",\"passwordHash\":\"5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8\""
                        : "")
                + "}";
    }

    private String patient(int id, String who) {
        boolean full = who.equals("nurse") && flaws.contains(Flaw.STAFF_UNMASKED);
        String nationalId = full ? "536-22-84" + (30 + id) : "***-**-84" + (30 + id);
        String secret = who.equals("nurse") && flaws.contains(Flaw.LOWER_ROLE_SECRET)
                ? ",\"internalNotes\":\"escalated twice, see ticket 4471\""
                : "";
        return "{\"id\":" + id + ",\"name\":\"Patient " + id + "\",\"iban\":\"" + IBANS.get(id) + "\",\"ssn\":\""
                + nationalId + "\"" + secret + "}";
    }

    @Override
    public void close() {
        server.close();
    }
}
