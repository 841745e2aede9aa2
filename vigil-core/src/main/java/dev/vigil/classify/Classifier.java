package dev.vigil.classify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Recognises sensitive data types in one scalar value, using its key name (field or parameter
 * name) and validators on the value. Immutable and thread-safe; built for the hot path, where most
 * values are short numbers, booleans and enum words that are rejected by length checks before any
 * regular expression or library call. JSON numbers are classified by their text ({@code
 * 4111111111111111} is a card number whether quoted or not).
 */
public final class Classifier {
    static final String BUILT_IN = "dev/vigil/classify/data-types.yaml";
    private static final int KEY_CACHE_LIMIT = 10_000;
    private static final Comparator<Match> BEST_FIRST = Comparator.comparingDouble(Match::confidence)
            .reversed()
            .thenComparing(m -> -m.type().sensitivity())
            .thenComparing(m -> m.type().id());

    private final List<TypeDefinition> definitions;
    private final List<DataType> types;
    /** Shortest value any type accepts without key evidence; shorter values need a key match. */
    private final int minValueOnlyLength;
    /** Indexes of types that can match without key evidence: all that is tried for unknown keys. */
    private final int[] valueOnly;
    /** Key profiles are pure functions of the key, and keys repeat endlessly in traffic. */
    private final Map<String, KeyProfile> keyProfiles = new ConcurrentHashMap<>();

    private record KeyProfile(boolean[] keyed, boolean[] contrary, boolean anyKeyed) {}

    private Classifier(List<TypeDefinition> definitions) {
        this.definitions = definitions.stream()
                .sorted(Comparator.comparing(d -> d.type().id()))
                .toList();
        this.types = this.definitions.stream().map(TypeDefinition::type).toList();
        this.minValueOnlyLength = this.definitions.stream()
                .filter(d -> !d.requiresKey())
                .mapToInt(TypeDefinition::minLength)
                .min()
                .orElse(Integer.MAX_VALUE);
        this.valueOnly = IntStream.range(0, this.definitions.size())
                .filter(i -> !this.definitions.get(i).requiresKey())
                .toArray();
    }

    /**
     * The built-in definitions shipped as a classpath resource. Loading parses and checks YAML:
     * build one classifier at start-up and share it.
     */
    public static Classifier builtIn() {
        List<String> problems = new ArrayList<>();
        DefinitionsParser.ParsedFile file = parseBuiltIn(problems);
        failOn(problems);
        return assemble(file, null);
    }

    /**
     * Built-ins plus a user's definitions file, whose types are added or replace a built-in with
     * the same id ({@code enabled: false} removes one).
     *
     * @throws DefinitionsException listing every problem in the file
     */
    public static Classifier withDefinitions(Path userFile) {
        List<String> problems = new ArrayList<>();
        DefinitionsParser.ParsedFile builtIn = parseBuiltIn(problems);
        DefinitionsParser.ParsedFile user = null;
        try (InputStream in = Files.newInputStream(userFile)) {
            user = new DefinitionsParser().parse(userFile.toString(), in, problems);
        } catch (IOException e) {
            problems.add(userFile + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (user != null) {
            Set<String> known = new HashSet<>();
            builtIn.types().forEach(d -> known.add(d.type().id()));
            user.types().forEach(d -> known.add(d.type().id()));
            for (String id : user.disabled()) {
                if (!known.contains(id)) {
                    problems.add(userFile + ": disables unknown data type '" + id + "'");
                }
            }
        }
        failOn(problems);
        return assemble(builtIn, user);
    }

    private static DefinitionsParser.ParsedFile parseBuiltIn(List<String> problems) {
        try (InputStream in = Classifier.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("built-in data types missing from classpath: " + BUILT_IN);
            }
            return new DefinitionsParser().parse("built-in " + BUILT_IN, in, problems);
        } catch (IOException e) {
            throw new IllegalStateException("built-in data types unreadable: " + BUILT_IN, e);
        }
    }

    private static void failOn(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new DefinitionsException(problems);
        }
    }

    private static Classifier assemble(DefinitionsParser.ParsedFile builtIn, DefinitionsParser.ParsedFile user) {
        Map<String, TypeDefinition> byId = new LinkedHashMap<>();
        Set<String> common = new HashSet<>(builtIn.keyExcludes());
        builtIn.types().forEach(d -> byId.put(d.type().id(), d));
        if (user != null) {
            common.addAll(user.keyExcludes());
            user.disabled().forEach(byId::remove);
            user.types().forEach(d -> byId.put(d.type().id(), d));
        }
        List<TypeDefinition> merged = new ArrayList<>();
        for (TypeDefinition d : byId.values()) {
            merged.add(d.withKeyExcludes(common));
        }
        return new Classifier(merged);
    }

    /**
     * The sensitive types {@code value} holds, best first; empty when nothing is sensitive.
     *
     * @param key the field or parameter name, {@code ""} when there is none
     */
    public List<Match> classify(String key, String value) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        KeyProfile profile = profile(key == null ? "" : key);
        if (!profile.anyKeyed() && value.length() < minValueOnlyLength) {
            return List.of();
        }
        String v = value.strip();
        if (v.isEmpty()) {
            return List.of();
        }
        List<Match> out = null;
        int n = profile.anyKeyed() ? definitions.size() : valueOnly.length;
        for (int j = 0; j < n; j++) {
            int i = profile.anyKeyed() ? j : valueOnly[j];
            double c = definitions.get(i).evaluate(v, profile.keyed()[i], profile.contrary()[i]);
            if (c > 0) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(new Match(types.get(i), c));
            }
        }
        if (out == null) {
            return List.of();
        }
        out.sort(BEST_FIRST);
        return List.copyOf(out);
    }

    /** Whether {@code key} alone names any type: lets callers redact keyed values eagerly. */
    boolean keyNamesAnyType(String key) {
        return profile(key == null ? "" : key).anyKeyed();
    }

    private KeyProfile profile(String key) {
        KeyProfile p = keyProfiles.get(key);
        if (p != null) {
            return p;
        }
        KeyName name = KeyName.of(key);
        boolean[] keyed = new boolean[definitions.size()];
        boolean[] contrary = new boolean[definitions.size()];
        boolean any = false;
        for (int i = 0; i < keyed.length; i++) {
            keyed[i] = definitions.get(i).keyMatches(name);
            contrary[i] = !keyed[i] && definitions.get(i).contraryKey(name);
            any |= keyed[i];
        }
        p = new KeyProfile(keyed, contrary, any);
        if (keyProfiles.size() < KEY_CACHE_LIMIT) {
            keyProfiles.putIfAbsent(key, p);
        }
        return p;
    }

    /** Every type this classifier recognises, sorted by id. */
    public List<DataType> types() {
        return types;
    }

    /** The type with this id, if defined. */
    public Optional<DataType> type(String id) {
        return types.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
