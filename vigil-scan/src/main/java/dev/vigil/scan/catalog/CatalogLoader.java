package dev.vigil.scan.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.vigil.scan.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loads the built-in catalog and user catalog files as one: each file is checked against the
 * published JSON Schema ({@code catalog.schema.json}), then for what a schema cannot say (regexes
 * compile, conditions fit the mutation, ids unique across files, disabled ids exist). Every problem
 * of every file is collected and reported at once in a {@link CatalogException}.
 */
public final class CatalogLoader {
    public static final String SCHEMA_RESOURCE = "/dev/vigil/scan/catalog/catalog.schema.json";
    public static final String BUILTIN_RESOURCE = "/dev/vigil/scan/catalog/builtin.yaml";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final JsonSchema schema;

    public CatalogLoader() {
        try (InputStream in = CatalogLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            JsonNode node = new ObjectMapper().readTree(in);
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(node);
        } catch (IOException e) {
            throw new UncheckedIOException("catalog schema missing from the classpath", e);
        }
    }

    /** The published JSON Schema text. */
    public static String schemaText() {
        return resource(SCHEMA_RESOURCE);
    }

    public static String builtinText() {
        return resource(BUILTIN_RESOURCE);
    }

    /** The built-in catalog plus the given user files, validated as a whole. */
    public Catalog load(List<Path> userFiles) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("builtin.yaml", builtinText());
        List<String> problems = new ArrayList<>();
        for (Path p : userFiles) {
            try {
                sources.put(p.toString(), Files.readString(p));
            } catch (IOException e) {
                problems.add(p + ": cannot read file (" + e.getClass().getSimpleName() + ")");
            }
        }
        return parse(sources, problems);
    }

    /** Parses named catalog texts (name → YAML) as one catalog. */
    public Catalog parse(Map<String, String> sources) {
        return parse(sources, new ArrayList<>());
    }

    private Catalog parse(Map<String, String> sources, List<String> problems) {
        Map<String, CatalogTest> tests = new LinkedHashMap<>();
        Set<String> disabled = new HashSet<>();
        Map<String, String> disabledIn = new LinkedHashMap<>();
        Set<String> switchedOff = new HashSet<>();
        Map<String, BusinessFlow> flows = new LinkedHashMap<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            String file = source.getKey();
            JsonNode root;
            try {
                root = yaml.readTree(source.getValue());
            } catch (IOException e) {
                problems.add(file + ": not valid YAML");
                continue;
            }
            if (root == null) {
                problems.add(file + ": empty file");
                continue;
            }
            Set<ValidationMessage> errors = schema.validate(root);
            if (!errors.isEmpty()) {
                errors.stream().map(m -> file + ": " + m.getMessage()).sorted().forEach(problems::add);
                continue;
            }
            root.path("disable").forEach(d -> {
                disabled.add(d.asText());
                disabledIn.put(d.asText(), file);
            });
            JsonNode list = root.path("tests");
            for (int i = 0; i < list.size(); i++) {
                JsonNode t = list.get(i);
                String at = file + ": $.tests[" + i + "] (" + t.path("id").asText() + ")";
                CatalogTest test = test(t, file, at, problems);
                if (test == null) {
                    continue;
                }
                if (tests.containsKey(test.id())) {
                    problems.add(at + ": duplicate test id, already defined in "
                            + tests.get(test.id()).source());
                    continue;
                }
                tests.put(test.id(), test);
                if (!t.path("enabled").asBoolean(true)) {
                    switchedOff.add(test.id());
                }
            }
            JsonNode declared = root.path("flows");
            for (int i = 0; i < declared.size(); i++) {
                String at = file + ": $.flows[" + i + "] ("
                        + declared.get(i).path("name").asText() + ")";
                BusinessFlow flow = flow(declared.get(i), file, at, problems);
                if (flow == null) {
                    continue;
                }
                if (flows.containsKey(flow.name())) {
                    problems.add(at + ": duplicate flow name, already defined in "
                            + flows.get(flow.name()).source());
                    continue;
                }
                flows.put(flow.name(), flow);
            }
        }
        disabledIn.forEach((id, file) -> {
            if (!tests.containsKey(id)) {
                problems.add(file + ": $.disable: unknown test id '" + id + "'");
            }
        });
        if (!problems.isEmpty()) {
            throw new CatalogException(problems);
        }
        return new Catalog(
                tests.values().stream()
                        .filter(t -> !disabled.contains(t.id()) && !switchedOff.contains(t.id()))
                        .toList(),
                List.copyOf(flows.values()));
    }

    /** A declared flow; the schema has checked its shape, this checks regexes and placeholders. */
    private BusinessFlow flow(JsonNode f, String file, String at, List<String> problems) {
        int before = problems.size();
        List<BusinessFlow.Step> steps = new ArrayList<>();
        Set<String> known = new HashSet<>();
        JsonNode list = f.path("steps");
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String sat = at + ".steps[" + i + "]";
            String operation = s.path("operation").asText().strip();
            java.util.regex.Matcher params = Pattern.compile("\\{([^}/]+)}").matcher(operation);
            String body = "";
            if (s.has("body")) {
                try {
                    body = s.get("body").isTextual()
                            ? s.get("body").asText()
                            : new ObjectMapper().writeValueAsString(s.get("body"));
                } catch (IOException e) {
                    problems.add(sat + ".body: cannot be written as JSON");
                }
            }
            java.util.regex.Matcher placeholders =
                    Pattern.compile("\\$\\{([^}]+)}").matcher(body);
            while (placeholders.find()) {
                if (!known.contains(placeholders.group(1))
                        && !placeholders.group(1).matches("own\\.[A-Za-z_][A-Za-z0-9_]*")) {
                    problems.add(sat + ".body: ${" + placeholders.group(1) + "} is not extracted by an earlier step");
                }
            }
            Map<String, BusinessFlow.Extract> extract = new LinkedHashMap<>();
            s.path("extract").properties().forEach(e -> {
                JsonNode x = e.getValue();
                String regex = x.path("regex").asText("");
                if (!regex.isEmpty()) {
                    regex(regex, sat + ".extract." + e.getKey() + ".regex", problems);
                }
                extract.put(
                        e.getKey(),
                        new BusinessFlow.Extract(
                                x.path("from").asText(), x.path("pointer").asText(""), regex));
            });
            BusinessFlow.Actor actor = BusinessFlow.Actor.CREATOR;
            if (s.has("as")) {
                String as = s.get("as").asText();
                switch (as) {
                    case "creator" -> actor = BusinessFlow.Actor.CREATOR;
                    case "other" -> actor = BusinessFlow.Actor.OTHER;
                    case "higher" -> actor = BusinessFlow.Actor.HIGHER;
                    default -> problems.add(sat + ".as: must be creator, other or higher, not '" + as + "'");
                }
                if (i == 0 && actor != BusinessFlow.Actor.CREATOR) {
                    problems.add(sat + ".as: the first step creates the object, so it is taken by its creator");
                }
            }
            steps.add(new BusinessFlow.Step(operation, body, extract, actor));
            known.addAll(extract.keySet());
            // path parameters are filled from extracted values, else from the object the first step created
            if (i > 0 && !params.find()) {
                problems.add(sat + ".operation: a later step needs a path parameter naming the object");
            }
        }
        if (problems.size() != before) {
            return null;
        }
        return new BusinessFlow(f.path("name").asText(), steps, file);
    }

    private CatalogTest test(JsonNode t, String file, String at, List<String> problems) {
        int before = problems.size();
        Applicability applies = applicability(t.path("appliesTo"), at, problems);
        Mutation mutation = mutation(t.path("mutation"), at, problems);
        List<Condition> conditions = new ArrayList<>();
        JsonNode list = t.path("vulnerableIf");
        for (int i = 0; i < list.size(); i++) {
            Condition c = condition(list.get(i), at + ".vulnerableIf[" + i + "]", problems);
            if (c != null) {
                conditions.add(c);
            }
        }
        if (mutation != null) {
            compatible(mutation, conditions, at, problems);
        }
        if (problems.size() != before || applies == null || mutation == null) {
            return null;
        }
        List<Integer> cwe = new ArrayList<>();
        t.path("cwe").forEach(c -> cwe.add(c.asInt()));
        return new CatalogTest(
                t.get("id").asText(),
                t.get("title").asText(),
                t.path("description").asText(""),
                Severity.parse(t.get("severity").asText()),
                t.get("owasp").asText(),
                cwe,
                t.get("remediation").asText(),
                applies,
                mutation,
                conditions,
                file);
    }

    private Applicability applicability(JsonNode a, String at, List<String> problems) {
        if (a.isMissingNode()) {
            return Applicability.any();
        }
        Set<String> methods = new HashSet<>();
        a.path("methods").forEach(m -> methods.add(m.asText()));
        List<String> paths = new ArrayList<>();
        a.path("paths").forEach(p -> paths.add(p.asText()));
        Optional<Pattern> names = a.has("parameterNames")
                ? regex(a.get("parameterNames").asText(), at + ".appliesTo.parameterNames", problems)
                : Optional.empty();
        return new Applicability(
                methods,
                flag(a, "secured"),
                flag(a, "pathParameters"),
                flag(a, "hasBody"),
                paths,
                names,
                "host".equals(a.path("once").asText("operation")));
    }

    private Mutation mutation(JsonNode m, String at, List<String> problems) {
        String kind = m.path("kind").asText();
        String mat = at + ".mutation";
        Set<Mutation.Into> into = EnumSet.noneOf(Mutation.Into.class);
        m.path("into").forEach(i -> into.add(Mutation.Into.valueOf(i.asText().toUpperCase(Locale.ROOT))));
        return switch (kind) {
            case "none" -> new Mutation.None();
            case "replay-as-other-identity" -> new Mutation.ReplayAsOtherIdentity();
            case "call-as-lower-role" -> {
                List<String> methods = new ArrayList<>();
                m.path("methods").forEach(x -> methods.add(x.asText()));
                yield new Mutation.CallAsLowerRole(methods);
            }
            case "drop-credentials" -> new Mutation.DropCredentials();
            case "tamper-credentials" -> {
                if (!m.has("variant")) {
                    problems.add(mat + ": tamper-credentials needs 'variant'");
                    yield null;
                }
                yield new Mutation.TamperCredentials(Mutation.TamperVariant.valueOf(
                        m.get("variant").asText().toUpperCase(Locale.ROOT).replace('-', '_')));
            }
            case "add-fields" -> {
                if (!m.path("fields").isObject()) {
                    problems.add(mat + ": add-fields needs 'fields'");
                    yield null;
                }
                yield new Mutation.AddFields((ObjectNode) m.get("fields"));
            }
            case "inject" -> {
                if (!m.has("payloads")) {
                    problems.add(mat + ": inject needs 'payloads'");
                    yield null;
                }
                List<String> payloads = new ArrayList<>();
                m.get("payloads").forEach(p -> payloads.add(p.asText()));
                yield new Mutation.Inject(payloads, into.isEmpty() ? EnumSet.allOf(Mutation.Into.class) : into);
            }
            case "inject-boolean" -> {
                if (!m.has("pairs")) {
                    problems.add(mat + ": inject-boolean needs 'pairs'");
                    yield null;
                }
                List<Mutation.BooleanPair> pairs = new ArrayList<>();
                m.get("pairs")
                        .forEach(p -> pairs.add(new Mutation.BooleanPair(
                                p.get("true").asText(), p.get("false").asText())));
                yield new Mutation.InjectBoolean(pairs, into.isEmpty() ? EnumSet.allOf(Mutation.Into.class) : into);
            }
            case "set-header" -> {
                if (!m.has("header")) {
                    problems.add(mat + ": set-header needs 'header'");
                    yield null;
                }
                yield new Mutation.SetHeader(
                        m.get("header").get("name").asText(),
                        m.get("header").get("value").asText());
            }
            case "callback-url" ->
                new Mutation.CallbackUrl(into.isEmpty() ? EnumSet.of(Mutation.Into.QUERY, Mutation.Into.BODY) : into);
            case "burst" -> new Mutation.Burst(m.path("count").asInt(20));
            case "delete-then-read" -> new Mutation.DeleteThenRead();
            case "older-version" -> new Mutation.OlderVersion();
            case "xml-entity" -> new Mutation.XmlEntity();
            case "inject-delay" -> {
                if (!m.has("payloads")) {
                    problems.add(mat + ": inject-delay needs 'payloads'");
                    yield null;
                }
                List<String> payloads = new ArrayList<>();
                m.get("payloads").forEach(p -> payloads.add(p.asText()));
                yield new Mutation.InjectDelay(
                        payloads,
                        into.isEmpty() ? EnumSet.of(Mutation.Into.QUERY, Mutation.Into.BODY) : into,
                        m.path("seconds").asInt(2));
            }
            case "inject-operator" ->
                new Mutation.InjectOperator(
                        into.isEmpty() ? EnumSet.of(Mutation.Into.QUERY, Mutation.Into.BODY) : into);
            case "jwt-key-confusion" -> new Mutation.JwtKeyConfusion();
            case "jwt-weak-secret" -> {
                String wordlist = m.path("wordlist").asText("");
                if (!wordlist.isEmpty() && !java.nio.file.Files.isReadable(java.nio.file.Path.of(wordlist))) {
                    problems.add(mat + ".wordlist: cannot read file '" + wordlist + "'");
                }
                yield new Mutation.JwtWeakSecret(wordlist);
            }
            case "jwt-foreign-audience" -> new Mutation.JwtForeignAudience();
            case "login-lockout" -> new Mutation.LoginLockout(m.path("count").asInt(10));
            case "skip-flow-step" -> new Mutation.SkipFlowStep();
            case "other-host" -> new Mutation.OtherHost();
            case "replay-flow-step" -> new Mutation.ReplayFlowStep();
            case "foreign-reference" ->
                new Mutation.ForeignReference(
                        into.isEmpty() ? EnumSet.of(Mutation.Into.QUERY, Mutation.Into.BODY) : into);
            case "compare-roles" ->
                new Mutation.CompareRoles(Mutation.RoleRule.valueOf(m.path("rule")
                        .asText("sensitive-beyond-owner")
                        .toUpperCase(Locale.ROOT)
                        .replace('-', '_')));
            case "list-vs-detail" -> new Mutation.ListVersusDetail();
            case "oversized-page" -> {
                int huge = m.path("huge").asInt(100_000);
                int cap = m.path("cap").asInt(1000);
                if (huge <= cap) {
                    problems.add(mat + ": oversized-page needs huge > cap");
                    yield null;
                }
                yield new Mutation.OversizedPage(huge, cap);
            }
            case "oversized-body" -> new Mutation.OversizedBody(m.path("bytes").asInt(1024 * 1024));
            case "unexpected-methods" -> {
                List<String> methods = new ArrayList<>();
                m.path("methods").forEach(x -> methods.add(x.asText()));
                if (methods.isEmpty()) {
                    problems.add(mat + ": unexpected-methods needs 'methods'");
                    yield null;
                }
                yield new Mutation.UnexpectedMethods(methods);
            }
            case "probe-paths" -> {
                List<Mutation.PathProbe> probes = new ArrayList<>();
                JsonNode list = m.path("probes");
                if (list.isEmpty()) {
                    problems.add(mat + ": probe-paths needs 'probes'");
                    yield null;
                }
                for (int i = 0; i < list.size(); i++) {
                    JsonNode p = list.get(i);
                    List<Pattern> proof = new ArrayList<>();
                    for (int j = 0; j < p.path("proof").size(); j++) {
                        regex(p.get("proof").get(j).asText(), mat + ".probes[" + i + "].proof[" + j + "]", problems)
                                .ifPresent(proof::add);
                    }
                    probes.add(new Mutation.PathProbe(
                            p.get("path").asText(), p.path("method").asText("GET"), proof));
                }
                yield new Mutation.ProbePaths(probes);
            }
            case "refresh-replay" -> new Mutation.RefreshReplay();
            case "approve-own-flow-step" -> new Mutation.ApproveOwnFlowStep();
            default -> {
                problems.add(mat + ".kind: unknown '" + kind + "'");
                yield null;
            }
        };
    }

    private Condition condition(JsonNode c, String at, List<String> problems) {
        String key = c.fieldNames().next();
        JsonNode v = c.get(key);
        return switch (key) {
            case "status" -> {
                List<String> accepted = new ArrayList<>();
                v.forEach(s -> accepted.add(s.asText()));
                yield new Condition.Status(accepted);
            }
            case "similarToOriginal" -> new Condition.SimilarToOriginal(v.asDouble());
            case "bodyMatches", "bodyMatchesNotInOriginal" -> {
                List<Pattern> patterns = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    regex(v.get(i).asText(), at + "." + key + "[" + i + "]", problems)
                            .ifPresent(patterns::add);
                }
                yield new Condition.BodyMatches(patterns, key.equals("bodyMatchesNotInOriginal"));
            }
            case "headerEquals" ->
                new Condition.HeaderEquals(
                        v.get("name").asText(), v.get("value").asText());
            case "headerMissing" -> new Condition.HeaderMissing(v.asText());
            case "fieldNameMatches" ->
                regex(v.asText(), at + ".fieldNameMatches", problems)
                        .map(Condition.FieldNameMatches::new)
                        .orElse(null);
            case "callbackReceived" -> new Condition.CallbackReceived();
            case "readBackHasFields" -> new Condition.ReadBackHasFields();
            case "booleanDifferential" -> new Condition.BooleanDifferential();
            case "noRateLimit" -> new Condition.NoRateLimit();
            case "delayed" -> new Condition.Delayed();
            case "proven" -> new Condition.Proven();
            default -> {
                problems.add(at + ": unknown condition '" + key + "'");
                yield null;
            }
        };
    }

    /** Conditions that only make sense for one mutation kind, and mutations that need a specific condition. */
    private static void compatible(Mutation m, List<Condition> conditions, String at, List<String> problems) {
        for (Condition c : conditions) {
            String needs =
                    switch (c) {
                        case Condition.CallbackReceived x ->
                            m instanceof Mutation.CallbackUrl || m instanceof Mutation.XmlEntity
                                    ? null
                                    : "callback-url or xml-entity";
                        case Condition.ReadBackHasFields x -> m instanceof Mutation.AddFields ? null : "add-fields";
                        case Condition.BooleanDifferential x ->
                            m instanceof Mutation.InjectBoolean || m instanceof Mutation.InjectOperator
                                    ? null
                                    : "inject-boolean or inject-operator";
                        case Condition.NoRateLimit x ->
                            m instanceof Mutation.Burst || m instanceof Mutation.LoginLockout
                                    ? null
                                    : "burst or login-lockout";
                        case Condition.Delayed x -> m instanceof Mutation.InjectDelay ? null : "inject-delay";
                        case Condition.Proven x -> provenBy(m) ? null : PROVEN_KINDS;
                        case Condition.SimilarToOriginal x ->
                            m instanceof Mutation.None || m instanceof Mutation.Burst
                                    ? "a mutation (the original is the answer itself)"
                                    : null;
                        case Condition.Status x -> null;
                        case Condition.BodyMatches x -> null;
                        case Condition.HeaderEquals x -> null;
                        case Condition.HeaderMissing x -> null;
                        case Condition.FieldNameMatches x -> null;
                    };
            if (needs != null) {
                problems.add(at + ".vulnerableIf: condition " + c.getClass().getSimpleName() + " requires mutation "
                        + needs + ", not " + m.kind());
            }
        }
        boolean proof =
                switch (m) {
                    case Mutation.CallbackUrl x ->
                        conditions.stream().anyMatch(c -> c instanceof Condition.CallbackReceived);
                    case Mutation.InjectBoolean x ->
                        conditions.stream().anyMatch(c -> c instanceof Condition.BooleanDifferential);
                    case Mutation.InjectOperator x ->
                        conditions.stream().anyMatch(c -> c instanceof Condition.BooleanDifferential);
                    case Mutation.InjectDelay x -> conditions.stream().anyMatch(c -> c instanceof Condition.Delayed);
                    case Mutation.XmlEntity x ->
                        conditions.stream().anyMatch(c -> c instanceof Condition.CallbackReceived);
                    case Mutation.AddFields x ->
                        conditions.stream().anyMatch(c -> c instanceof Condition.ReadBackHasFields);
                    case Mutation.Burst x -> conditions.stream().anyMatch(c -> c instanceof Condition.NoRateLimit);
                    case Mutation.None x -> true;
                    case Mutation.ReplayAsOtherIdentity x -> true;
                    case Mutation.CallAsLowerRole x -> true;
                    case Mutation.DropCredentials x -> true;
                    case Mutation.TamperCredentials x -> true;
                    case Mutation.Inject x -> true;
                    case Mutation.SetHeader x -> true;
                    case Mutation.DeleteThenRead x -> true;
                    case Mutation.OlderVersion x -> true;
                    case Mutation.JwtKeyConfusion x -> true;
                    case Mutation.JwtWeakSecret x -> true;
                    case Mutation.JwtForeignAudience x -> true;
                    case Mutation.LoginLockout x ->
                        conditions.stream().anyMatch(c -> c instanceof Condition.NoRateLimit);
                    case Mutation.SkipFlowStep x -> true;
                    case Mutation.ReplayFlowStep x -> true;
                    case Mutation.ForeignReference x -> true;
                    case Mutation.OtherHost x -> true;
                    case Mutation.OversizedBody x -> true;
                    case Mutation.CompareRoles x -> provenPresent(conditions);
                    case Mutation.ListVersusDetail x -> provenPresent(conditions);
                    case Mutation.OversizedPage x -> provenPresent(conditions);
                    case Mutation.UnexpectedMethods x -> provenPresent(conditions);
                    case Mutation.ProbePaths x -> provenPresent(conditions);
                    case Mutation.RefreshReplay x -> provenPresent(conditions);
                    case Mutation.ApproveOwnFlowStep x -> provenPresent(conditions);
                };
        if (!proof) {
            problems.add(at + ".vulnerableIf: mutation " + m.kind() + " needs its proof condition ("
                    + switch (m) {
                        case Mutation.CallbackUrl x -> "callbackReceived";
                        case Mutation.InjectBoolean x -> "booleanDifferential";
                        case Mutation.InjectOperator x -> "booleanDifferential";
                        case Mutation.InjectDelay x -> "delayed";
                        case Mutation.XmlEntity x -> "callbackReceived";
                        case Mutation.AddFields x -> "readBackHasFields";
                        case Mutation.Burst x -> "noRateLimit";
                        case Mutation.LoginLockout x -> "noRateLimit";
                        default -> "proven";
                    }
                    + ")");
        }
    }

    private static final String PROVEN_KINDS =
            "compare-roles, list-vs-detail, oversized-page, unexpected-methods, probe-paths, refresh-replay or approve-own-flow-step";

    /** Mutations whose runner establishes the flaw itself and reports it through {@code proven}. */
    private static boolean provenBy(Mutation m) {
        return m instanceof Mutation.CompareRoles
                || m instanceof Mutation.ListVersusDetail
                || m instanceof Mutation.OversizedPage
                || m instanceof Mutation.UnexpectedMethods
                || m instanceof Mutation.ProbePaths
                || m instanceof Mutation.RefreshReplay
                || m instanceof Mutation.ApproveOwnFlowStep;
    }

    private static boolean provenPresent(List<Condition> conditions) {
        return conditions.stream().anyMatch(c -> c instanceof Condition.Proven);
    }

    private static Optional<Boolean> flag(JsonNode a, String name) {
        return a.has(name) ? Optional.of(a.get(name).asBoolean()) : Optional.empty();
    }

    private static Optional<Pattern> regex(String text, String at, List<String> problems) {
        try {
            return Optional.of(Pattern.compile(text));
        } catch (PatternSyntaxException e) {
            problems.add(at + ": invalid regular expression: " + e.getDescription());
            return Optional.empty();
        }
    }

    private static String resource(String name) {
        try (InputStream in = CatalogLoader.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
