package dev.vigil.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.Parameter;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.discovery.ResponseSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Drift of one observed endpoint against the documented operation it matched: undocumented
 * response statuses, undocumented query and header parameters, and request/response bodies whose
 * fields or types the documented schemas do not explain.
 */
final class OperationDrift {
    private final SchemaDrift schemas = new SchemaDrift();

    List<DiffFinding> findings(Endpoint endpoint, SpecOperation operation) {
        List<DiffFinding> findings = new ArrayList<>();
        parameters(endpoint, operation, findings);
        requestBodies(endpoint, operation, findings);
        responses(endpoint, operation, findings);
        return findings;
    }

    private void parameters(Endpoint endpoint, SpecOperation operation, List<DiffFinding> findings) {
        for (Parameter parameter : endpoint.parameters()) {
            boolean checked = parameter.in() == ParameterLocation.QUERY
                    || (parameter.in() == ParameterLocation.HEADER
                            && !InfrastructureHeaders.contains(parameter.name()));
            if (checked && !documents(operation, parameter)) {
                findings.add(finding(
                        endpoint,
                        FindingKind.DRIFT_UNDOCUMENTED_PARAMETER,
                        parameter.in().openApiName() + " parameter '" + parameter.name() + "' not documented"));
            }
        }
    }

    private static boolean documents(SpecOperation operation, Parameter observed) {
        for (SpecParameter documented : operation.parameters()) {
            if (documented.in() != observed.in()) {
                continue;
            }
            if (observed.in() == ParameterLocation.HEADER) {
                if (documented.name().equalsIgnoreCase(observed.name())) {
                    return true;
                }
                continue;
            }
            String name = observed.name();
            // ids[]=1 (array brackets) and filter[name]=x (deepObject) belong to ids and filter.
            if (name.equals(documented.name()) || name.startsWith(documented.name() + "[")) {
                return true;
            }
            if (explodesIntoNames(documented)) {
                JsonNode properties = documented.schema().path("properties");
                if (properties.isEmpty() || properties.has(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** An exploded form-style object puts each of its properties on the query string by name. */
    private static boolean explodesIntoNames(SpecParameter documented) {
        JsonNode schema = documented.schema();
        boolean object = schema.path("type").asText().equals("object") || schema.has("properties");
        return object && documented.style().equals("form") && documented.explode();
    }

    private void requestBodies(Endpoint endpoint, SpecOperation operation, List<DiffFinding> findings) {
        for (Map.Entry<String, ObjectNode> body : endpoint.requestBodies().entrySet()) {
            if (operation.requestBodies().isEmpty()) {
                findings.add(finding(
                        endpoint,
                        FindingKind.DRIFT_NEW_FIELD,
                        "request body " + body.getKey() + " not documented (operation documents no request body)"));
                continue;
            }
            compareBody("request", body.getKey(), body.getValue(), operation.requestBodies(), endpoint, findings);
        }
    }

    private void responses(Endpoint endpoint, SpecOperation operation, List<DiffFinding> findings) {
        boolean documentsSuccess = operation.responses().keySet().stream().anyMatch(key -> key.startsWith("2"));
        for (ResponseSummary response : endpoint.responses().values()) {
            Optional<String> key = documentedStatus(response.status(), operation.responses());
            if (key.isEmpty()) {
                findings.add(finding(
                        endpoint,
                        FindingKind.DRIFT_UNDOCUMENTED_STATUS,
                        "status " + response.status() + " not documented (documented: "
                                + String.join(", ", operation.responses().keySet()) + ")"));
                continue;
            }
            // "default" usually describes errors; only compare a success body with it when the
            // operation documents no success response at all.
            if (key.get().equals("default") && response.status() < 400 && documentsSuccess) {
                continue;
            }
            Map<String, JsonNode> documented = operation.responses().get(key.get());
            if (documented.isEmpty()) {
                continue; // documented without a body schema: nothing to compare
            }
            for (Map.Entry<String, ObjectNode> body : response.bodies().entrySet()) {
                compareBody(
                        "response " + response.status(),
                        body.getKey(),
                        body.getValue(),
                        documented,
                        endpoint,
                        findings);
            }
        }
    }

    private void compareBody(
            String where,
            String mediaType,
            ObjectNode observed,
            Map<String, JsonNode> documented,
            Endpoint endpoint,
            List<DiffFinding> findings) {
        Optional<String> documentedType = MediaTypes.documentedFor(mediaType, documented.keySet());
        if (documentedType.isEmpty()) {
            findings.add(finding(
                    endpoint,
                    FindingKind.DRIFT_TYPE_CHANGE,
                    where + " media type " + mediaType + " not documented (documented: "
                            + String.join(", ", documented.keySet()) + ")"));
            return;
        }
        for (SchemaDrift.Drift drift : schemas.compare(observed, documented.get(documentedType.get()))) {
            findings.add(finding(
                    endpoint, drift.kind(), where + " " + mediaType + " " + drift.location() + ": " + drift.message()));
        }
    }

    /** The response key documenting a status: the exact code, then its range (4XX), then default. */
    static Optional<String> documentedStatus(int status, Map<String, Map<String, JsonNode>> responses) {
        String exact = Integer.toString(status);
        if (responses.containsKey(exact)) {
            return Optional.of(exact);
        }
        for (String key : responses.keySet()) {
            if (key.length() == 3
                    && key.charAt(0) == exact.charAt(0)
                    && key.substring(1).toUpperCase(Locale.ROOT).equals("XX")) {
                return Optional.of(key);
            }
        }
        return responses.containsKey("default") ? Optional.of("default") : Optional.empty();
    }

    private static DiffFinding finding(Endpoint endpoint, FindingKind kind, String detail) {
        return DiffFinding.of(
                kind,
                endpoint.key().method(),
                endpoint.key().pathTemplate(),
                endpoint.key().host(),
                detail);
    }
}
