package dev.vigil.scan.catalog;

import dev.vigil.scan.identity.AccessRule;
import dev.vigil.scan.surface.Operation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which operations a test applies to. Empty {@code methods} and {@code paths} mean any; the
 * optional flags filter on documented security, path parameters and a JSON body; {@code once}
 * says whether the test runs per operation or once per host.
 */
public record Applicability(
        Set<String> methods,
        Optional<Boolean> secured,
        Optional<Boolean> pathParameters,
        Optional<Boolean> hasBody,
        List<String> paths,
        Optional<Pattern> parameterNames,
        boolean oncePerHost) {
    public Applicability {
        methods = Set.copyOf(methods);
        paths = List.copyOf(paths);
    }

    public static Applicability any() {
        return new Applicability(
                Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), false);
    }

    public boolean matches(Operation op) {
        if (!methods.isEmpty() && !methods.contains(op.method())) {
            return false;
        }
        if (secured.isPresent() && secured.get() != op.secured()) {
            return false;
        }
        if (pathParameters.isPresent() && pathParameters.get() != op.hasPathParameters()) {
            return false;
        }
        if (hasBody.isPresent() && hasBody.get() != !op.sampleBody().isEmpty()) {
            return false;
        }
        if (!paths.isEmpty()
                && paths.stream().noneMatch(g -> AccessRule.globPattern(g)
                        .matcher(op.pathTemplate())
                        .matches())) {
            return false;
        }
        return parameterNames.isEmpty() || !parameterNamesMatching(op).isEmpty();
    }

    /** The operation's parameter names (including top-level JSON body fields) that match {@code parameterNames}. */
    public List<String> parameterNamesMatching(Operation op) {
        if (parameterNames.isEmpty()) {
            return List.of();
        }
        Pattern p = parameterNames.get();
        java.util.List<String> out = new java.util.ArrayList<>();
        op.parameters().stream()
                .map(x -> x.name())
                .filter(n -> p.matcher(n).find())
                .forEach(out::add);
        BodyFields.topLevelNames(op.sampleBody()).stream()
                .filter(n -> p.matcher(n).find())
                .forEach(out::add);
        return out;
    }
}
