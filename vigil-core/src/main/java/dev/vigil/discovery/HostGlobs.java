package dev.vigil.discovery;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** A compiled set of host globs ({@code *} and {@code ?}), matched against lower-case hosts. */
final class HostGlobs {
    private final List<Pattern> patterns;
    private final Memo<String, Boolean> answers = new Memo<>(4096, this::test);

    HostGlobs(Set<String> globs) {
        this.patterns = globs.stream().map(HostGlobs::compile).toList();
    }

    boolean matches(String host) {
        return !patterns.isEmpty() && answers.get(host);
    }

    private boolean test(String host) {
        for (Pattern p : patterns) {
            if (p.matcher(host).matches()) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("(?<=[*?])|(?=[*?])")) {
            switch (part) {
                case "*" -> regex.append(".*");
                case "?" -> regex.append('.');
                default -> regex.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
