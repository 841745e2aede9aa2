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
    void aQuerySkippedAsPlainHasNoFindingWhenSplitAndDecoded() {
        String[] querySyntax = {"&", "=", "%27", "%2e", "+", "page", "2", "sort", "name", "%20"};
        InjectionDetector detector = new InjectionDetector();
        Random random = new Random(7);
        int skipped = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = 1 + random.nextInt(8);
            for (int k = 0; k < n; k++) {
                b.append(
                        random.nextBoolean()
                                ? querySyntax[random.nextInt(querySyntax.length)]
                                : PIECES[random.nextInt(PIECES.length)]);
            }
            String query = b.toString();
            if (InjectionDetector.plainQuery(query)) {
                skipped++;
                for (String[] pair : Decoding.pairs(query)) {
                    assertThat(InjectionSignatures.scan(Decoding.fully(pair[1], true), true))
                            .as(query)
                            .isNull();
                }
            }
        }
        assertThat(skipped).as("queries the shortcut skipped").isGreaterThan(1_000);
        assertThat(InjectionDetector.plainQuery("page=2&sort=name&tag=a-b_c.d")).isTrue();
        assertThat(InjectionDetector.plainQuery("q=1=1")).isFalse();
        assertThat(InjectionDetector.plainQuery("q=a+b")).isFalse();
        assertThat(InjectionDetector.plainQuery("f=..")).isFalse();
        assertThat(detector.inspect(new RequestHead(
                        "api", "GET", "/", "q=1%27+OR+1=1--", "10.0.0.1", HeaderLookup.of(java.util.Map.of()))))
                .isNotEmpty();
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
