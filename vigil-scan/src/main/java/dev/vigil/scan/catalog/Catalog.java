package dev.vigil.scan.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The validated, enabled tests of a scan, ordered by id, and the declared business flows, ordered by name. */
public record Catalog(List<CatalogTest> tests, List<BusinessFlow> flows) {
    public Catalog {
        tests = tests.stream().sorted(Comparator.comparing(CatalogTest::id)).toList();
        flows = flows.stream().sorted(Comparator.comparing(BusinessFlow::name)).toList();
    }

    public Catalog(List<CatalogTest> tests) {
        this(tests, List.of());
    }

    public Optional<CatalogTest> test(String id) {
        return tests.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** Only the tests whose ids are listed (keeps order); unknown ids are ignored by design of the caller. */
    public Catalog only(java.util.Collection<String> ids) {
        return new Catalog(tests.stream().filter(t -> ids.contains(t.id())).toList(), flows);
    }
}
