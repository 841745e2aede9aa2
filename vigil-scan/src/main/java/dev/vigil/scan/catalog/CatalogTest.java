package dev.vigil.scan.catalog;

import dev.vigil.scan.Severity;
import java.util.List;
import java.util.Objects;

/**
 * One declarative active test: where it applies, how it mutates requests, when the answer proves a
 * vulnerability, and its tags (OWASP API Top 10 2023 id, CWE ids, severity, remediation).
 */
public record CatalogTest(
        String id,
        String title,
        String description,
        Severity severity,
        String owasp,
        List<Integer> cwe,
        String remediation,
        Applicability appliesTo,
        Mutation mutation,
        List<Condition> vulnerableIf,
        String source) {
    public CatalogTest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        description = description == null ? "" : description;
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(owasp, "owasp");
        cwe = List.copyOf(cwe);
        Objects.requireNonNull(remediation, "remediation");
        Objects.requireNonNull(appliesTo, "appliesTo");
        Objects.requireNonNull(mutation, "mutation");
        vulnerableIf = List.copyOf(vulnerableIf);
        source = source == null ? "" : source;
    }

    public <C extends Condition> java.util.Optional<C> condition(Class<C> type) {
        return vulnerableIf.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    public List<String> cweIds() {
        return cwe.stream().map(c -> "CWE-" + c).toList();
    }
}
