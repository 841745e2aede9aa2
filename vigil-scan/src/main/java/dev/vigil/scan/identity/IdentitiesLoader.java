package dev.vigil.scan.identity;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.discovery.ParameterLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads an identities YAML file (format in docs/scan.md). Every problem is collected, then one
 * {@link IdentitiesException} lists them all. {@code ${env:NAME}} is resolved from the given
 * environment so secrets need not be written in the file; values are never echoed in problems.
 */
public final class IdentitiesLoader {
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Set<String> TOP_KEYS = Set.of("identities", "roles", "access");
    private static final Set<String> IDENTITY_KEYS =
            Set.of("name", "roles", "tenant", "auth", "foreignAudience", "lockoutProbe", "jwksUrl");

    private final Map<String, String> env;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    public IdentitiesLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public Identities load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new IdentitiesException(
                    file.toString(), List.of("cannot read file: " + e.getClass().getSimpleName()));
        }
    }

    public Identities parse(String text, String source) {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (IOException e) {
            throw new IdentitiesException(source, List.of("not valid YAML (line " + line(e) + ")"));
        }
        List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new IdentitiesException(source, List.of("top level must be a mapping with 'identities'"));
        }
        unknownKeys(root, TOP_KEYS, "", problems);
        Map<String, Integer> levels = new LinkedHashMap<>();
        JsonNode roles = root.path("roles");
        if (!roles.isMissingNode()) {
            if (!roles.isObject()) {
                problems.add("roles: must map role name to an integer level");
            } else {
                roles.properties().forEach(e -> {
                    if (e.getValue().isInt()) {
                        levels.put(e.getKey(), e.getValue().asInt());
                    } else {
                        problems.add("roles." + e.getKey() + ": level must be an integer");
                    }
                });
            }
        }
        List<Identity> identities = new ArrayList<>();
        JsonNode list = root.path("identities");
        if (!list.isArray() || list.isEmpty()) {
            problems.add("identities: required, a non-empty list");
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String at = "identities[" + i + "]";
                String name = list.get(i).path("name").asText("");
                if (!name.isEmpty() && !names.add(name)) {
                    problems.add(at + ".name: duplicate identity name '" + name + "'");
                }
                Identity identity = identity(list.get(i), at, levels, problems);
                if (identity != null) {
                    identities.add(identity);
                }
            }
        }
        List<AccessRule> access = new ArrayList<>();
        JsonNode rules = root.path("access");
        if (!rules.isMissingNode()) {
            if (!rules.isArray()) {
                problems.add("access: must be a list");
            } else {
                for (int i = 0; i < rules.size(); i++) {
                    String at = "access[" + i + "]";
                    JsonNode rule = rules.get(i);
                    String op = text(rule, "operation", at, true, problems);
                    String minRole = text(rule, "minRole", at, true, problems);
                    if (op == null || minRole == null) {
                        continue;
                    }
                    String[] parts = op.trim().split("\\s+");
                    if (parts.length != 2 || !parts[1].startsWith("/")) {
                        problems.add(at + ".operation: expected 'METHOD /path/glob', got '" + op + "'");
                        continue;
                    }
                    if (!levels.isEmpty() && !levels.containsKey(minRole)) {
                        problems.add(at + ".minRole: unknown role '" + minRole + "' (not in roles)");
                    }
                    access.add(new AccessRule(parts[0], parts[1], minRole));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IdentitiesException(source, problems);
        }
        return new Identities(identities, levels, access);
    }

    private Identity identity(JsonNode node, String at, Map<String, Integer> levels, List<String> problems) {
        if (!node.isObject()) {
            problems.add(at + ": must be a mapping");
            return null;
        }
        unknownKeys(node, IDENTITY_KEYS, at + ".", problems);
        String name = text(node, "name", at, true, problems);
        if (name != null && !name.matches("[A-Za-z0-9_.-]+")) {
            problems.add(at + ".name: use letters, digits, '.', '_' or '-'");
        }
        List<String> roles = new ArrayList<>();
        JsonNode rolesNode = node.path("roles");
        if (rolesNode.isArray()) {
            rolesNode.forEach(r -> roles.add(r.asText()));
        } else if (rolesNode.isTextual()) {
            roles.add(rolesNode.asText());
        } else if (!rolesNode.isMissingNode()) {
            problems.add(at + ".roles: must be a list of role names");
        }
        for (String role : roles) {
            if (!levels.isEmpty() && !levels.containsKey(role)) {
                problems.add(at + ".roles: unknown role '" + role + "' (not in roles)");
            }
        }
        String tenant = text(node, "tenant", at, false, problems);
        JsonNode auth = node.path("auth");
        CredentialSpec spec = null;
        if (!auth.isObject()) {
            problems.add(at + ".auth: required mapping with a 'type'");
        } else {
            spec = auth(auth, at + ".auth", problems);
        }
        if (name == null || spec == null) {
            return null;
        }
        if ("anonymous".equals(name) && !(spec instanceof CredentialSpec.None)) {
            problems.add(at + ".name: 'anonymous' is reserved for the identity without credentials");
        }
        boolean foreign = flag(node, "foreignAudience", at, problems);
        boolean lockout = flag(node, "lockoutProbe", at, problems);
        String jwks = node.has("jwksUrl") ? url(node, "jwksUrl", at, problems) : "";
        if (lockout
                && !(spec instanceof CredentialSpec.OAuth2Password)
                && !(spec instanceof CredentialSpec.Login l && passwordVar(l).isPresent())) {
            problems.add(at + ".lockoutProbe: needs auth type oauth2-password, or login with a password-like var");
        }
        if (foreign && lockout) {
            problems.add(at + ".lockoutProbe: not with foreignAudience (the identity is not used on this API)");
        }
        return new Identity(name, roles, tenant, spec, foreign, lockout, jwks);
    }

    private CredentialSpec auth(JsonNode a, String at, List<String> problems) {
        String type = text(a, "type", at, true, problems);
        if (type == null) {
            return null;
        }
        int before = problems.size();
        CredentialSpec spec =
                switch (type) {
                    case "none" -> {
                        unknownKeys(a, Set.of("type"), at + ".", problems);
                        yield new CredentialSpec.None();
                    }
                    case "bearer" -> {
                        unknownKeys(a, Set.of("type", "token", "header", "scheme"), at + ".", problems);
                        Secret token = secret(a, "token", at, problems);
                        yield token == null
                                ? null
                                : new CredentialSpec.Bearer(
                                        token,
                                        text(a, "header", at, false, problems),
                                        a.has("scheme") ? a.get("scheme").asText() : null);
                    }
                    case "api-key" -> {
                        unknownKeys(a, Set.of("type", "in", "name", "value"), at + ".", problems);
                        ParameterLocation in = location(a, at, Set.of("header", "query", "cookie"), problems);
                        String name = text(a, "name", at, true, problems);
                        Secret value = secret(a, "value", at, problems);
                        yield in == null || name == null || value == null
                                ? null
                                : new CredentialSpec.ApiKey(in, name, value);
                    }
                    case "basic" -> {
                        unknownKeys(a, Set.of("type", "username", "password"), at + ".", problems);
                        String user = text(a, "username", at, true, problems);
                        Secret pw = secret(a, "password", at, problems);
                        yield user == null || pw == null ? null : new CredentialSpec.Basic(user, pw);
                    }
                    case "cookie" -> {
                        unknownKeys(a, Set.of("type", "name", "value"), at + ".", problems);
                        String name = text(a, "name", at, true, problems);
                        Secret value = secret(a, "value", at, problems);
                        yield name == null || value == null ? null : new CredentialSpec.Cookie(name, value);
                    }
                    case "login" -> login(a, at, problems);
                    case "mtls" -> mtls(a, at, problems);
                    case "oauth2-client-credentials" -> {
                        unknownKeys(
                                a, Set.of("type", "tokenUrl", "clientId", "clientSecret", "scope"), at + ".", problems);
                        String url = url(a, "tokenUrl", at, problems);
                        String id = text(a, "clientId", at, true, problems);
                        Secret secret = secret(a, "clientSecret", at, problems);
                        yield url == null || id == null || secret == null
                                ? null
                                : new CredentialSpec.OAuth2ClientCredentials(
                                        url, id, secret, text(a, "scope", at, false, problems));
                    }
                    case "oauth2-password" -> {
                        unknownKeys(
                                a,
                                Set.of("type", "tokenUrl", "clientId", "clientSecret", "username", "password", "scope"),
                                at + ".",
                                problems);
                        String url = url(a, "tokenUrl", at, problems);
                        String id = text(a, "clientId", at, true, problems);
                        Secret clientSecret =
                                a.has("clientSecret") ? secret(a, "clientSecret", at, problems) : new Secret("");
                        String user = text(a, "username", at, true, problems);
                        Secret pw = secret(a, "password", at, problems);
                        yield url == null || id == null || clientSecret == null || user == null || pw == null
                                ? null
                                : new CredentialSpec.OAuth2Password(
                                        url, id, clientSecret, user, pw, text(a, "scope", at, false, problems));
                    }
                    default -> {
                        problems.add(at + ".type: unknown '" + type
                                + "' (expected none, bearer, api-key, basic, cookie, login,"
                                + " oauth2-client-credentials, oauth2-password, mtls)");
                        yield null;
                    }
                };
        return problems.size() == before ? spec : null;
    }

    /** The login var that holds the password: named like one ({@code password}, {@code pass}, {@code pwd}, {@code secret}). */
    public static Optional<String> passwordVar(CredentialSpec.Login login) {
        return login.vars().keySet().stream()
                .filter(k -> k.toLowerCase(Locale.ROOT).matches(".*(pass|pwd|secret).*"))
                .sorted()
                .findFirst();
    }

    private static boolean flag(JsonNode node, String field, String at, List<String> problems) {
        JsonNode v = node.path(field);
        if (v.isMissingNode()) {
            return false;
        }
        if (!v.isBoolean()) {
            problems.add(at + "." + field + ": must be true or false");
            return false;
        }
        return v.asBoolean();
    }

    private CredentialSpec mtls(JsonNode a, String at, List<String> problems) {
        unknownKeys(a, Set.of("type", "certificate", "key", "pkcs12", "password", "trust"), at + ".", problems);
        Optional<java.nio.file.Path> trust =
                Optional.ofNullable(text(a, "trust", at, false, problems)).map(java.nio.file.Path::of);
        if (a.has("pkcs12")) {
            if (a.has("certificate") || a.has("key")) {
                problems.add(at + ": give either pkcs12 (with password) or certificate and key, not both");
            }
            String file = text(a, "pkcs12", at, true, problems);
            Secret password = a.has("password") ? secret(a, "password", at, problems) : new Secret("");
            if (file == null || password == null) {
                return null;
            }
            return ClientCertificates.fromPkcs12(java.nio.file.Path.of(file), password, trust, at, problems)
                    .map(tls -> new CredentialSpec.Mtls("pkcs12 " + file, tls, password))
                    .orElse(null);
        }
        String certificate = text(a, "certificate", at, true, problems);
        String key = text(a, "key", at, true, problems);
        if (a.has("password")) {
            problems.add(at + ".password: only for pkcs12 (PEM keys must be unencrypted PKCS#8)");
        }
        if (certificate == null || key == null) {
            return null;
        }
        return ClientCertificates.fromPem(
                        java.nio.file.Path.of(certificate), java.nio.file.Path.of(key), trust, at, problems)
                .map(tls -> new CredentialSpec.Mtls("certificate " + certificate, tls, new Secret("")))
                .orElse(null);
    }

    private CredentialSpec login(JsonNode a, String at, List<String> problems) {
        unknownKeys(a, Set.of("type", "vars", "steps", "apply", "lifetimeSeconds", "refresh"), at + ".", problems);
        Map<String, Secret> vars = new LinkedHashMap<>();
        JsonNode varsNode = a.path("vars");
        if (varsNode.isObject()) {
            varsNode.properties().forEach(e -> {
                Secret s = resolveEnv(e.getValue().asText(), at + ".vars." + e.getKey(), problems);
                if (s != null) {
                    vars.put(e.getKey(), s);
                }
            });
        } else if (!varsNode.isMissingNode()) {
            problems.add(at + ".vars: must be a mapping");
        }
        Set<String> known = new HashSet<>(vars.keySet());
        List<CredentialSpec.LoginStep> steps = new ArrayList<>();
        JsonNode stepsNode = a.path("steps");
        if (!stepsNode.isArray() || stepsNode.isEmpty()) {
            problems.add(at + ".steps: required, a non-empty list of requests");
        } else {
            for (int i = 0; i < stepsNode.size(); i++) {
                CredentialSpec.LoginStep step = step(stepsNode.get(i), at + ".steps[" + i + "]", known, problems);
                if (step != null) {
                    known.addAll(step.extract().keySet());
                    steps.add(step);
                }
            }
        }
        CredentialSpec.Apply apply = null;
        JsonNode ap = a.path("apply");
        if (ap.isMissingNode()) {
            if (known.contains("token")) {
                apply = new CredentialSpec.Apply(ParameterLocation.HEADER, "Authorization", "Bearer ${token}");
            } else {
                problems.add(at + ".apply: required unless a step extracts 'token'");
            }
        } else if (ap.has("header") || ap.has("cookie")) {
            boolean header = ap.has("header");
            String name = ap.get(header ? "header" : "cookie").asText();
            String template = ap.has("value") ? ap.get("value").asText() : header ? "Bearer ${token}" : "${token}";
            checkVars(template, known, at + ".apply.value", problems);
            apply = new CredentialSpec.Apply(
                    header ? ParameterLocation.HEADER : ParameterLocation.COOKIE, name, template);
        } else {
            problems.add(at + ".apply: needs 'header' or 'cookie' (and optional 'value' template)");
        }
        Optional<Duration> lifetime = Optional.empty();
        if (a.has("lifetimeSeconds")) {
            if (a.get("lifetimeSeconds").canConvertToLong()
                    && a.get("lifetimeSeconds").asLong() > 0) {
                lifetime =
                        Optional.of(Duration.ofSeconds(a.get("lifetimeSeconds").asLong()));
            } else {
                problems.add(at + ".lifetimeSeconds: must be a positive integer");
            }
        }
        Optional<CredentialSpec.LoginStep> refresh = Optional.empty();
        if (a.has("refresh")) {
            CredentialSpec.LoginStep r = step(a.get("refresh"), at + ".refresh", known, problems);
            if (r != null && !r.extract().containsKey("token")) {
                problems.add(at + ".refresh.extract: must extract 'token' (the new access token)");
            } else if (r != null) {
                refresh = Optional.of(r);
            }
        }
        return apply == null ? null : new CredentialSpec.Login(vars, steps, apply, lifetime, refresh);
    }

    /** One request of a login chain (or its refresh); variables it uses must be known before it. */
    private CredentialSpec.LoginStep step(JsonNode s, String sat, Set<String> known, List<String> problems) {
        if (!s.isObject()) {
            problems.add(sat + ": must be a mapping (method, url, headers, body, extract)");
            return null;
        }
        unknownKeys(s, Set.of("method", "url", "headers", "body", "extract"), sat + ".", problems);
        String method = s.has("method") ? s.get("method").asText().toUpperCase(Locale.ROOT) : "POST";
        String url = url(s, "url", sat, problems);
        Map<String, String> headers = new LinkedHashMap<>();
        s.path("headers")
                .properties()
                .forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        String body = s.path("body").isTextual()
                ? s.get("body").asText()
                : s.has("body") ? s.get("body").toString() : "";
        checkVars(url == null ? "" : url, known, sat + ".url", problems);
        headers.forEach((k, v) -> checkVars(v, known, sat + ".headers." + k, problems));
        checkVars(body, known, sat + ".body", problems);
        Map<String, CredentialSpec.Extraction> extract = new LinkedHashMap<>();
        JsonNode ex = s.path("extract");
        if (ex.isObject()) {
            ex.properties().forEach(e -> {
                CredentialSpec.Extraction x = extraction(e.getValue(), sat + ".extract." + e.getKey(), problems);
                if (x != null) {
                    extract.put(e.getKey(), x);
                }
            });
        } else if (!ex.isMissingNode()) {
            problems.add(sat + ".extract: must map a variable name to an extraction");
        }
        return url == null ? null : new CredentialSpec.LoginStep(method, url, headers, body, extract);
    }

    private CredentialSpec.Extraction extraction(JsonNode x, String at, List<String> problems) {
        if (!x.isObject()) {
            problems.add(at + ": must be a mapping with 'from'");
            return null;
        }
        unknownKeys(x, Set.of("from", "pointer", "regex"), at + ".", problems);
        String from = x.path("from").asText("body");
        CredentialSpec.ExtractFrom kind;
        String name = "";
        if (from.equals("body")) {
            kind = CredentialSpec.ExtractFrom.BODY;
        } else if (from.startsWith("header:")) {
            kind = CredentialSpec.ExtractFrom.HEADER;
            name = from.substring(7);
        } else if (from.startsWith("cookie:")) {
            kind = CredentialSpec.ExtractFrom.COOKIE;
            name = from.substring(7);
        } else {
            problems.add(at + ".from: expected 'body', 'header:NAME' or 'cookie:NAME'");
            return null;
        }
        String pointer = x.path("pointer").asText("");
        if (!pointer.isEmpty()) {
            try {
                JsonPointer.compile(pointer);
            } catch (IllegalArgumentException e) {
                problems.add(at + ".pointer: not a JSON pointer (RFC 6901), e.g. /data/token");
            }
            if (kind != CredentialSpec.ExtractFrom.BODY) {
                problems.add(at + ".pointer: only applies to from: body");
            }
        }
        Optional<Pattern> regex = Optional.empty();
        if (x.has("regex")) {
            try {
                regex = Optional.of(Pattern.compile(x.get("regex").asText()));
            } catch (PatternSyntaxException e) {
                problems.add(at + ".regex: invalid regular expression: " + e.getDescription());
            }
        }
        if (kind == CredentialSpec.ExtractFrom.BODY && pointer.isEmpty() && regex.isEmpty()) {
            problems.add(at + ": from: body needs a 'pointer' or a 'regex'");
        }
        return new CredentialSpec.Extraction(kind, name, pointer, regex);
    }

    private void checkVars(String template, Set<String> known, String at, List<String> problems) {
        Matcher m = VAR.matcher(template);
        while (m.find()) {
            if (!known.contains(m.group(1))) {
                problems.add(at + ": uses ${" + m.group(1) + "} which no var or earlier step defines");
            }
        }
        Matcher e = ENV.matcher(template);
        while (e.find()) {
            if (!env.containsKey(e.group(1))) {
                problems.add(at + ": environment variable " + e.group(1) + " is not set");
            }
        }
    }

    private ParameterLocation location(JsonNode a, String at, Set<String> allowed, List<String> problems) {
        String in = a.path("in").asText("header");
        if (!allowed.contains(in)) {
            problems.add(at + ".in: expected one of " + new java.util.TreeSet<>(allowed));
            return null;
        }
        return ParameterLocation.valueOf(in.toUpperCase(Locale.ROOT));
    }

    private String url(JsonNode a, String field, String at, List<String> problems) {
        String url = text(a, field, at, true, problems);
        if (url != null && !url.startsWith("/") && !url.startsWith("http://") && !url.startsWith("https://")) {
            problems.add(at + "." + field + ": must be absolute (http/https) or start with '/'");
            return null;
        }
        return url;
    }

    private Secret secret(JsonNode a, String field, String at, List<String> problems) {
        JsonNode v = a.path(field);
        if (v.isMissingNode() || v.isNull() || !v.isValueNode()) {
            problems.add(at + "." + field + ": required");
            return null;
        }
        return resolveEnv(v.asText(), at + "." + field, problems);
    }

    private Secret resolveEnv(String raw, String at, List<String> problems) {
        Matcher m = ENV.matcher(raw);
        StringBuilder out = new StringBuilder();
        boolean ok = true;
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null) {
                problems.add(at + ": environment variable " + m.group(1) + " is not set");
                ok = false;
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (ok && out.isEmpty()) {
            problems.add(at + ": must not be empty");
            return null;
        }
        return ok ? new Secret(out.toString()) : null;
    }

    private static String text(JsonNode node, String field, String at, boolean required, List<String> problems) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                problems.add(at + "." + field + ": required");
            }
            return null;
        }
        if (!v.isValueNode() || v.asText().isBlank()) {
            problems.add(at + "." + field + ": must be a non-empty string");
            return null;
        }
        return v.asText();
    }

    private static void unknownKeys(JsonNode node, Set<String> allowed, String at, List<String> problems) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problems.add(at + key + ": unknown key (allowed: " + new java.util.TreeSet<>(allowed) + ")");
            }
        }
    }

    private static String line(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
            return String.valueOf(jpe.getLocation().getLineNr());
        }
        return "?";
    }
}
