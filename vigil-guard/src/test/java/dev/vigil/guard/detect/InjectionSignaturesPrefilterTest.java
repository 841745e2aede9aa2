package dev.vigil.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The character pre-filter only skips regexes that could not have matched. */
class InjectionSignaturesPrefilterTest {
    /** Fragments of every rule's syntax, so random concatenations hit (and nearly hit) each rule. */
    private static final String[] PIECES = {
        "'",
        " or ",
        " OR ",
        "1=1",
        " and ",
        "=",
        "union",
        "UNiON",
        " select ",
        "null",
        ";",
        " drop table ",
        "sleep(",
        "(",
        "5",
        "waitfor delay '",
        "--",
        "#",
        "<",
        "script",
        ">",
        " onerror=",
        "img",
        "javascript:",
        ":",
        "&&",
        "|",
        "||",
        "`",
        "$(",
        "id",
        "cat ",
        "${",
        "IFS",
        "}",
        "..",
        "/",
        "\\",
        "etc/passwd",
        "windows",
        "jndi",
        "lower:",
        "http://",
        "127.0.0.1",
        "169.254.169.254",
        "file://",
        "a",
        "Z",
        " ",
        "é",
        "\u0000"
    };

    @Test
    void scanGivesTheSameAnswerAsTryingEveryRule() {
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + random.nextInt(6);
            for (int k = 0; k < n; k++) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String value = b.toString();
            assertThat(describe(InjectionSignatures.scan(value, true)))
                    .as(value)
                    .isEqualTo(describe(everyRule(value)));
        }
    }

    @Test
    void theWordUnionIsFoundInAnyCase() {
        assertThat(InjectionSignatures.scan("x UnIoN SeLeCt null", false)).isNotNull();
        assertThat(InjectionSignatures.scan("Union Street", false)).isNull();
    }

    @Test
    void aUrlAfterLeadingBlanksIsReadFromItsOwnStart() {
        assertThat(InjectionSignatures.scan("  http://a_b.localhost/x", true))
                .isNotNull()
                .extracting(InjectionSignatures.Match::excerpt)
                .isEqualTo("a_b.localhost");
        assertThat(InjectionSignatures.scan("  http://", true)).isNull();
        assertThat(InjectionSignatures.scan("  http://a_b.example/x", true)).isNull();
    }

    private static String describe(InjectionSignatures.Match m) {
        return m == null ? "none" : m.rule() + "|" + m.excerpt();
    }

    /** The reference: every rule in order, no pre-filter. */
    private static InjectionSignatures.Match everyRule(String value) {
        if (value.isEmpty() || InjectionSignatures.plain(value)) {
            return null;
        }
        for (InjectionSignatures.Rule r : InjectionSignatures.RULES) {
            Matcher m = r.pattern().matcher(value);
            if (m.find()) {
                int from = Math.max(0, m.start() - 8);
                int to = Math.min(value.length(), m.end() + 8);
                return new InjectionSignatures.Match(r.kind(), r.name(), value.substring(from, to));
            }
        }
        String host = InjectionSignatures.ssrfTarget(value);
        return host == null
                ? null
                : new InjectionSignatures.Match(Detection.InjectionKind.SSRF, "ssrf-internal-target", host);
    }
}
