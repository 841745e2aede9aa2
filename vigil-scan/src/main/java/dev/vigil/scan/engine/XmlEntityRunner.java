package dev.vigil.scan.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.scan.Finding;
import dev.vigil.scan.catalog.CatalogTest;
import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.surface.Operation;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * XXE through the callback listener: the operation's JSON body, rewritten as XML with an external
 * entity declared in its DTD, is sent with {@code Content-Type: application/xml}. A parser that
 * resolves external entities fetches the listener URL; nothing else counts.
 */
final class XmlEntityRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern XML_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private static final java.time.Duration SYNC_GRACE = java.time.Duration.ofMillis(250);

    private XmlEntityRunner() {}

    static List<Finding> run(CatalogTest test, Operation op, ScanContext ctx) throws InterruptedException {
        if (ctx.listener == null) {
            return List.of();
        }
        Optional<Observation> original = InputRunners.original(op, ctx);
        if (original.isEmpty() || original.get().plainCall().body().isEmpty()) {
            return List.of();
        }
        Identity identity = InputRunners.identityOf(original.get(), ctx);
        String token = InputRunners.token(test.id() + "|" + op.key() + "|xml");
        Optional<String> xml = xml(original.get().plainCall().body(), ctx.listener.urlFor(token));
        if (xml.isEmpty()) {
            return List.of();
        }
        HttpCall call = original.get()
                .plainCall()
                .withHeader("Content-Type", "application/xml")
                .withHeader("Accept", "application/xml, application/json")
                .withBody(xml.get());
        Optional<Attempt> attempt = ctx.requester.send(identity, call, test.id());
        if (attempt.isEmpty()) {
            return List.of();
        }
        // parsers resolve entities while parsing, before the answer is sent: a short grace for the
        // listener's own thread is enough, unlike SSRF where fetching may happen after answering
        java.time.Duration wait =
                ctx.policy.callbackWait().compareTo(SYNC_GRACE) < 0 ? ctx.policy.callbackWait() : SYNC_GRACE;
        boolean hit = ctx.listener.awaitHit(token, wait);
        Probe probe = Probe.of(attempt.get(), original.get()).withFacts(hit, false, false, false);
        Verdicts.Verdict v = Verdicts.evaluate(test, probe);
        if (!v.vulnerable()) {
            return List.of();
        }
        return List.of(ctx.finding(
                test,
                op,
                identity.name(),
                "body:xml",
                v,
                true,
                "the XML parser fetched the external entity's URL",
                List.of(attempt.get())));
    }

    /**
     * The JSON object as XML: root {@code <root>}, one element per top-level field with a valid
     * XML name, the entity reference in every text field (and in an extra element when there is
     * none). Empty when the body is not a JSON object.
     */
    static Optional<String> xml(String jsonBody, String entityUrl) {
        JsonNode root;
        try {
            root = JSON.readTree(jsonBody);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE root [<!ENTITY vigil SYSTEM \"")
                .append(entityUrl)
                .append("\">]>\n<root>");
        boolean referenced = false;
        for (var e : root.properties()) {
            if (!XML_NAME.matcher(e.getKey()).matches() || !e.getValue().isValueNode()) {
                continue;
            }
            b.append('<').append(e.getKey()).append('>');
            if (e.getValue().isTextual()) {
                b.append("&vigil;");
                referenced = true;
            } else {
                b.append(e.getValue().asText());
            }
            b.append("</").append(e.getKey()).append('>');
        }
        if (!referenced) {
            b.append("<vigil>&vigil;</vigil>");
        }
        return Optional.of(b.append("</root>\n").toString());
    }
}
