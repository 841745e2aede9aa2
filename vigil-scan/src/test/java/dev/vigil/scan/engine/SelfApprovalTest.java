package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.Finding;
import dev.vigil.scan.TestServer;
import dev.vigil.scan.TestServer.Res;
import dev.vigil.scan.catalog.Catalog;
import dev.vigil.scan.catalog.CatalogLoader;
import dev.vigil.scan.http.JdkTransport;
import dev.vigil.scan.identity.IdentitiesLoader;
import dev.vigil.scan.surface.Target;
import dev.vigil.scan.surface.TargetLoader;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code business-flow-self-approval} against a small expense API: an employee files and submits
 * an expense, a manager approves it. Only the declared {@code as: higher} step is tested.
 */
class SelfApprovalTest {
    /** How the expense API treats the approve step. */
    enum Approval {
        /** Only a manager who did not file the expense approves it. */
        FOUR_EYES,
        /** The employee who filed it approves it too (the flaw). */
        SELF_APPROVAL,
        /** The filer gets 200 but nothing changes (the manager's approval does change it). */
        SELF_APPROVAL_IGNORED,
        /** Nobody but the filer can approve: nothing shows the step is meant for someone else. */
        ONLY_FILER
    }

    private static final String SPEC = """
            openapi: 3.0.3
            info: {title: Expenses, version: "1"}
            security: [{bearer: []}]
            paths:
              /expenses:
                post:
                  requestBody: {content: {application/json: {schema: {type: object, properties: {amount: {type: integer, example: 900}}}}}}
                  responses: {"201": {description: created}}
              /expenses/{expenseId}:
                get:
                  parameters: [{name: expenseId, in: path, required: true, schema: {type: string}}]
                  responses: {"200": {description: ok}}
              /expenses/{expenseId}/submit:
                post:
                  parameters: [{name: expenseId, in: path, required: true, schema: {type: string}}]
                  responses: {"200": {description: ok}}
              /expenses/{expenseId}/approve:
                post:
                  parameters: [{name: expenseId, in: path, required: true, schema: {type: string}}]
                  responses: {"200": {description: ok}}
            components:
              securitySchemes: {bearer: {type: http, scheme: bearer}}
            """;

    private static final String IDENTITIES = """
            roles: {employee: 1, manager: 2}
            identities:
              - {name: erin, roles: [employee], tenant: acme, auth: {type: bearer, token: erin}}
              - {name: ewan, roles: [employee], tenant: acme, auth: {type: bearer, token: ewan}}
              - {name: mona, roles: [manager], tenant: acme, auth: {type: bearer, token: mona}}
            """;

    private static final String FLOW = """
            version: 1
            flows:
              - name: expense
                steps:
                  - operation: POST /expenses
                  - operation: POST /expenses/{expenseId}/submit
                  - operation: POST /expenses/{expenseId}/approve
                    as: %s
            """;

    private static TestServer api(Approval approval) {
        AtomicInteger ids = new AtomicInteger();
        Map<String, String> owner = new ConcurrentHashMap<>();
        Map<String, String> status = new ConcurrentHashMap<>();
        return new TestServer(req -> {
            String who = req.header("authorization").replace("Bearer ", "");
            if (!Set.of("erin", "ewan", "mona").contains(who)) {
                return Res.json(401, "{}");
            }
            String[] parts = req.path().split("/");
            if (req.method().equals("POST") && req.path().equals("/expenses")) {
                String id = "e" + ids.incrementAndGet();
                owner.put(id, who);
                status.put(id, "draft");
                return Res.json(201, view(id, status)).with("Location", "/expenses/" + id);
            }
            if (parts.length < 3 || !owner.containsKey(parts[2])) {
                return Res.json(404, "{}");
            }
            String id = parts[2];
            boolean filer = owner.get(id).equals(who);
            boolean manager = who.equals("mona");
            if (parts.length == 3 && req.method().equals("GET")) {
                return filer || manager ? Res.json(200, view(id, status)) : Res.json(404, "{}");
            }
            String action = parts.length == 4 ? parts[3] : "";
            if (action.equals("submit") && filer) {
                return status.replace(id, "draft", "submitted") ? Res.json(200, view(id, status)) : Res.json(409, "{}");
            }
            if (action.equals("approve")) {
                boolean allowed =
                        switch (approval) {
                            case FOUR_EYES -> manager && !filer;
                            case SELF_APPROVAL, SELF_APPROVAL_IGNORED -> (manager && !filer) || filer;
                            case ONLY_FILER -> filer;
                        };
                if (!allowed) {
                    return Res.json(403, "{}");
                }
                if (approval == Approval.SELF_APPROVAL_IGNORED && filer) {
                    return Res.json(200, view(id, status)); // accepted, but the expense stays submitted
                }
                return status.replace(id, "submitted", "approved")
                        ? Res.json(200, view(id, status))
                        : Res.json(409, "{}");
            }
            return Res.json(404, "{}");
        });
    }

    private static String view(String id, Map<String, String> status) {
        return "{\"id\":\"" + id + "\",\"status\":\"" + status.get(id) + "\"}";
    }

    private static List<Finding> scan(Approval approval, String as) throws Exception {
        try (TestServer server = api(approval)) {
            Target target = new TargetLoader(Map.of()).build(server.baseUrl(), List.of(), Optional.of(SPEC));
            String host = server.baseUrl().getHost() + ":" + server.baseUrl().getPort();
            ScanPolicy policy = new ScanPolicy(Set.of(host), true, 1000, 0, 2, false, Duration.ofMillis(200));
            Map<String, String> sources = new LinkedHashMap<>();
            sources.put("builtin.yaml", CatalogLoader.builtinText());
            sources.put("flows.yaml", FLOW.formatted(as));
            Catalog catalog = new CatalogLoader().parse(sources);
            return new ScanEngine(
                            new JdkTransport(
                                    JdkTransport.defaultClient(Duration.ofSeconds(2)),
                                    Clock.systemUTC(),
                                    Duration.ofSeconds(5)),
                            Clock.systemUTC(),
                            d -> {})
                    .run(
                            target,
                            new IdentitiesLoader(Map.of()).parse(IDENTITIES, "ids.yaml"),
                            new Catalog(
                                    catalog.only(Set.of("business-flow-self-approval"))
                                            .tests(),
                                    catalog.flows()),
                            policy,
                            Optional.empty())
                    .findings();
        }
    }

    @Test
    void flagsAnEmployeeApprovingTheirOwnExpense() throws Exception {
        List<Finding> findings = scan(Approval.SELF_APPROVAL, "higher");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.testId()).isEqualTo("business-flow-self-approval");
            assertThat(f.operation()).isEqualTo("POST /expenses/{expenseId}/approve");
            assertThat(f.identity()).isEqualTo("erin");
            assertThat(f.detail()).contains("mona took it with the same effect", "approved");
            assertThat(f.owasp()).isEqualTo("API6:2023");
        });
        assertThat(scan(Approval.SELF_APPROVAL, "other")).hasSize(1);
    }

    @Test
    void fourEyesApprovalIsNotFlagged() throws Exception {
        assertThat(scan(Approval.FOUR_EYES, "higher")).isEmpty();
        assertThat(scan(Approval.FOUR_EYES, "other")).isEmpty();
    }

    @Test
    void aSelfApprovalWithoutTheApprovalsEffectIsNotFlagged() throws Exception {
        assertThat(scan(Approval.SELF_APPROVAL_IGNORED, "higher")).isEmpty();
    }

    @Test
    void aStepNobodyElseCanTakeIsNotFlagged() throws Exception {
        assertThat(scan(Approval.ONLY_FILER, "higher")).isEmpty();
    }

    @Test
    void onlyStepsDeclaredForSomeoneElseAreTested() throws Exception {
        assertThat(scan(Approval.SELF_APPROVAL, "creator")).isEmpty();
    }
}
