package dev.vigil.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.util.DeserializationUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, before the parser runs, every reference of a spec that would make the parser fetch
 * something over the network: a {@code $ref} (or {@code $dynamicRef}) with a URL scheme or a
 * network-path ({@code //host/...}) value, and a relative {@code $ref} below a schema whose
 * {@code $id} is a URL (OpenAPI 3.1 resolves it against that URL). The spec file and every local
 * file it references, directly or through other local files, are searched.
 *
 * <p>It reads and parses each file as swagger-parser does (bytes decoded as UTF-8 with replacement,
 * SnakeYAML through the parser's own {@link DeserializationUtils}, so YAML aliases resolve the same
 * way), and it fails closed: a referenced file it cannot find, read or parse is refused too, since
 * the parser may still find it (it tries a second, altered path for {@code ../} references) or read
 * it more leniently. A referenced file outside the spec's directory and the working directory is
 * refused as well (see {@link #follow}). A document given as text has no directory, so any
 * reference to another file is refused.
 *
 * <p>swagger-parser's own safe-URL mode cannot do this job: for OpenAPI 3.0 it rejects relative file
 * references, and for Swagger 2.0 it is ignored (a remote reference to 127.0.0.1 is fetched anyway).
 * No host name is resolved here: every remote reference is refused, whatever it points at, so a
 * document fetched from a public host cannot lead the parser further (a redirect, or a reference of
 * its own) to an internal one.
 */
public final class RemoteRefGuard {
    /** A URL scheme; at least two characters, because {@code C:} is a Windows drive, not a scheme. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

    /** The host of a URL {@link URI} does not parse. */
    private static final Pattern AUTHORITY =
            Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]+:)?//(?:[^/?#@]*@)?(\\[[^\\]]*]|[^/?#:]+)");

    private final Path root;
    private final Set<String> refusals = new LinkedHashSet<>();
    private final Deque<Path> pending = new ArrayDeque<>();
    private final Set<Path> visited = new HashSet<>();
    private JsonNode rootTree;
    private boolean idsResolve = true;
    /** False for a document given as text: it has no directory to resolve local files against. */
    private boolean followFiles = true;

    private RemoteRefGuard(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The refused references of the spec at {@code file} and of the local files it references. */
    static Result check(Path file) {
        RemoteRefGuard guard = new RemoteRefGuard(file);
        guard.pending.add(guard.root);
        while (!guard.pending.isEmpty()) {
            Path next = guard.pending.removeFirst();
            if (guard.visited.add(next)) {
                guard.scan(next);
            }
        }
        return new Result(List.copyOf(guard.refusals), guard.rootTree);
    }

    /**
     * The refused references of the spec at {@code file} and of the local files it references, one
     * readable line each; empty when it may be parsed.
     */
    public static List<String> refusals(Path file) {
        return check(file).refusals();
    }

    /**
     * The refused references of one document given as {@code text} ({@code source} names it in the
     * messages), one readable line each; empty when it may be parsed. Its relative references are
     * not followed.
     */
    public static List<String> refusals(String text, String source) {
        RemoteRefGuard guard = new RemoteRefGuard(Path.of(source));
        guard.followFiles = false;
        guard.scan(guard.root, text);
        return List.copyOf(guard.refusals);
    }

    /**
     * What the guard found: {@code refusals}, one readable line per refused reference (empty when
     * the spec may be parsed), and the root document's tree ({@code null} if it was not YAML/JSON).
     */
    record Result(List<String> refusals, JsonNode rootTree) {
        /** Whether the root document declares OpenAPI 3.1 or later. */
        boolean openApi31() {
            String version = rootTree == null ? "" : rootTree.path("openapi").asText("");
            return version.startsWith("3.") && !version.startsWith("3.0");
        }
    }

    private void scan(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) {
            unchecked(file, "it could not be read");
            return;
        }
        // As the parser decodes it: a byte that is not UTF-8 becomes U+FFFD, the rest still counts.
        scan(file, new String(bytes, StandardCharsets.UTF_8));
    }

    private void scan(Path file, String text) {
        JsonNode tree = parse(text, file);
        if (file.equals(root)) {
            rootTree = tree;
            // Only OpenAPI 3.1 resolves references against $id; 3.0 and Swagger 2.0 ignore it.
            idsResolve = tree == null
                    || !(tree.has("swagger") || tree.path("openapi").asText("").startsWith("3.0"));
        }
        if (tree == null) {
            unchecked(file, "it is not YAML or JSON the parser reads");
            return;
        }
        walk(file, tree, null);
    }

    /** The tree swagger-parser itself would read from {@code text}; null when it reads none. */
    private static JsonNode parse(String text, Path file) {
        try {
            return DeserializationUtils.deserializeIntoTree(text, file.toString());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code remoteBase}: the URL a relative reference resolves against, or null for the file itself. */
    private void walk(Path file, JsonNode node, String remoteBase) {
        if (node.isArray()) {
            for (JsonNode element : node) {
                walk(file, element, remoteBase);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String base = remoteBase;
        JsonNode id = node.get("$id");
        if (idsResolve && id != null && id.isTextual()) {
            String value = id.asText().strip();
            if (isRemote(value)) {
                base = value;
            } else if (base != null) {
                base = resolve(base, value);
            }
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if ((key.equals("$ref") || key.equals("$dynamicRef")) && value.isTextual()) {
                reference(file, value.asText().strip(), base);
            } else {
                walk(file, value, base);
            }
        }
    }

    private void reference(Path file, String ref, String base) {
        if (ref.isEmpty() || ref.startsWith("#")) {
            return;
        }
        if (isRemote(ref)) {
            refuse(file, ref, null);
            return;
        }
        if (base != null) {
            refuse(file, ref, base);
            return;
        }
        if (!followFiles) {
            refusals.add("$ref '" + ref + "' in " + display(file)
                    + " refused: a spec given as text cannot reference other files; give it as one document");
            return;
        }
        String path = ref.contains("#") ? ref.substring(0, ref.indexOf('#')) : ref;
        boolean found = follow(file, ref, file.getParent(), path);
        found |= follow(file, ref, root.getParent(), path);
        if (!found) {
            refusals.add("$ref '" + ref + "' in " + display(file)
                    + " refused: no file of that name was found to check before parsing");
        }
    }

    /**
     * Queues the local file {@code path} names, as written and percent-decoded; whether one exists.
     * A file outside the spec's directory and the working directory is refused instead: a spec from
     * a pull request could otherwise inline the runner's own files (credentials in YAML) into what
     * the import reports.
     */
    private boolean follow(Path from, String ref, Path directory, String path) {
        if (directory == null || path.isEmpty()) {
            return false;
        }
        boolean found = false;
        Set<String> spellings = new LinkedHashSet<>(List.of(path));
        try {
            spellings.add(URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // not percent-encoded
        }
        Set<Path> candidates = new LinkedHashSet<>();
        for (String spelling : spellings) {
            try {
                Path normal = directory.resolve(spelling).normalize();
                // The parser reads the fallback only when the path itself does not exist.
                candidates.add(Files.exists(normal) ? normal : parserFallback(directory, spelling));
            } catch (InvalidPathException | IndexOutOfBoundsException e) {
                // not a path on this system: the parser cannot read it either
            }
        }
        for (Path candidate : candidates) {
            Path target = candidate.toAbsolutePath().normalize();
            if (Files.isRegularFile(target)) {
                found = true;
                if (!inside(target)) {
                    refusals.add("$ref '" + ref + "' in " + display(from) + " refused: it names " + target
                            + ", outside the spec's directory and the working directory");
                } else if (!visited.contains(target)) {
                    pending.add(target);
                }
            }
        }
        return found;
    }

    /** Whether {@code file}, links resolved, lies in the spec's directory or the working directory. */
    private boolean inside(Path file) {
        try {
            Path real = file.toRealPath();
            Path specDirectory =
                    root.getParent() == null ? null : root.getParent().toRealPath();
            return (specDirectory != null && real.startsWith(specDirectory))
                    || real.startsWith(Path.of("").toAbsolutePath().toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The second path swagger-parser 2.1 tries when {@code directory.resolve(path)} does not exist
     * ({@code RefUtils.readExternalRef}), reproduced as it is written there: for a path with "..",
     * each ".." step is cut off the front and all but one climb the directory; otherwise the text
     * after its first '.' is appended to the directory's name.
     */
    private static Path parserFallback(Path directory, String path) {
        String url = path;
        Path parent = directory;
        if (url.contains("..")) {
            int climbs = 0;
            while (url.contains("..")) {
                url = url.substring(url.indexOf('.') + 2);
                climbs++;
            }
            for (int i = 0; i < climbs - 1 && parent.getParent() != null; i++) {
                parent = parent.getParent();
            }
            url = parent + url;
        } else {
            url = parent + url.substring(url.indexOf('.') + 1);
        }
        return parent.resolve(url);
    }

    static boolean isRemote(String ref) {
        return SCHEME.matcher(ref).find() || ref.startsWith("//") || ref.startsWith("\\\\");
    }

    private void refuse(Path file, String ref, String base) {
        String target = base == null ? ref : resolve(base, ref);
        String refusal = "$ref '" + ref + "' in " + display(file) + " refused: remote references are not fetched";
        if (base != null) {
            refusal += " (it resolves against $id '" + base + "' to " + target + ")";
        }
        String kind = describe(target);
        if (!kind.isEmpty()) {
            refusal += "; this one points at " + kind;
        }
        refusals.add(refusal + ". Keep a local copy next to the spec and reference it by a relative path.");
    }

    /** A referenced {@code file} whose references could not be checked is refused. */
    private void unchecked(Path file, String why) {
        if (file.equals(root)) {
            return; // the parser cannot read it either, and says why
        }
        refusals.add(display(file) + " refused: its references could not be checked before parsing, because " + why);
    }

    private String display(Path file) {
        return file.equals(root)
                ? file.getFileName().toString()
                : root.getParent() == null
                        ? file.toString()
                        : root.getParent().relativize(file).toString();
    }

    private static String resolve(String base, String ref) {
        try {
            return URI.create(base).resolve(ref).toString();
        } catch (IllegalArgumentException e) {
            return ref;
        }
    }

    /** The host and kind of a non-public target ("127.0.0.1, a loopback address"); empty otherwise. */
    static String describe(String url) {
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null) {
            Matcher authority = AUTHORITY.matcher(url);
            host = authority.find() ? authority.group(1) : null;
        }
        if (host == null || host.isEmpty()) {
            return "";
        }
        String kind = kind(host.toLowerCase(Locale.ROOT));
        return kind == null ? "" : host + ", " + kind;
    }

    /** The kind of a non-public host, or null for a public or unknown one. No DNS lookup is made. */
    static String kind(String host) {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return "a loopback name";
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean ipv4 = literal.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (ipv4) {
            for (String octet : literal.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null; // not an address, and getByName would look it up
                }
            }
        }
        boolean ipv6 = literal.contains(":") && literal.matches("[0-9a-fA-F:.]+");
        if (!ipv4 && !ipv6) {
            // 127.1, 2130706433, 0x7f.0.0.1: other spellings of an IPv4 address
            return literal.matches("(0x[0-9a-f]+|\\d+)(\\.(0x[0-9a-f]+|\\d+)){0,3}") ? "a numeric address" : null;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(literal); // a literal: no lookup
        } catch (UnknownHostException | SecurityException e) {
            return "a numeric address";
        }
        byte[] b = address.getAddress();
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address (where cloud metadata services listen)";
        }
        if (address.isSiteLocalAddress() || (b.length == 16 && (b[0] & 0xfe) == 0xfc)) {
            return "a private address";
        }
        if (address.isAnyLocalAddress() || (b.length == 4 && b[0] == 0)) {
            return "an unspecified address (this host)";
        }
        if (b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return "a shared (carrier-grade NAT) address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        return null;
    }
}
