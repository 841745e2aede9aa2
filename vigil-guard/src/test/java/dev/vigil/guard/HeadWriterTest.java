package dev.vigil.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadWriterTest {
    private static final List<String> DROP = HeadWriter.dropList("x-forwarded-for");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The head {@link HeadWriter#plan} makes, as bytes; null when it refuses to. */
    private static byte[] rewrite(byte[] raw, int fields, List<String> drop, byte[] extra) {
        ByteBuf out = HeadWriter.rewrite(raw, fields, drop, extra, UnpooledByteBufAllocator.DEFAULT, 0);
        if (out == null) {
            return null;
        }
        try {
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void copiesLinesAsReceivedDropsNamedOnesAnyCaseAndAppendsBeforeTheBlankLine() {
        byte[] raw = bytes("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nCONNECTION: keep-alive\r\nX-Spaced:   v  \r\n"
                + "x-forwarded-for: 6.6.6.6\r\n\r\n");
        String out = text(rewrite(raw, 4, DROP, bytes("X-Forwarded-For: 127.0.0.1\r\n")));
        assertThat(out)
                .isEqualTo("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-Spaced:   v  \r\nX-Forwarded-For: 127.0.0.1\r\n\r\n");
    }

    @Test
    void aHeadWithNothingToDropIsCopiedWhole() {
        byte[] raw = bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n");
        assertThat(text(rewrite(raw, 1, DROP, new byte[0]))).isEqualTo(text(raw));
    }

    @Test
    void refusesFoldedLinesSoTheDecodedHeadIsReencodedInstead() {
        byte[] raw = bytes("GET / HTTP/1.1\r\nHost: x\r\nX-Fold: a\r\n b\r\n\r\n");
        assertThat(rewrite(raw, 2, DROP, new byte[0])).isNull();
    }

    @Test
    void refusesBareLineFeedsAndBareCarriageReturns() {
        assertThat(rewrite(bytes("GET / HTTP/1.1\nHost: x\r\n\r\n"), 1, DROP, new byte[0]))
                .isNull();
        assertThat(rewrite(bytes("GET / HTTP/1.1\r\nHost: x\ry\r\n\r\n"), 1, DROP, new byte[0]))
                .isNull();
    }

    @Test
    void findsLineEndsAndBareOnesAtEveryOffsetOfALongValue() {
        // Line ends are searched eight bytes at a time: put each kind at every position in a word.
        String value = "v".repeat(40);
        for (int at = 0; at <= value.length(); at++) {
            String line = "X-Long: " + value.substring(0, at);
            String rest = value.substring(at);
            byte[] plain = bytes("GET / HTTP/1.1\r\n" + line + "\r\nX-Next: " + rest + "\r\n\r\n");
            assertThat(text(rewrite(plain, 2, DROP, new byte[0])))
                    .as("CRLF after %d bytes", at)
                    .isEqualTo(text(plain));
            for (String bare : List.of("\r", "\n")) {
                byte[] raw = bytes("GET / HTTP/1.1\r\n" + line + bare + rest + "\r\n\r\n");
                assertThat(rewrite(raw, 1, DROP, new byte[0]))
                        .as("bare %s after %d bytes", bare.equals("\r") ? "CR" : "LF", at)
                        .isNull();
            }
        }
    }

    @Test
    void refusesLeadingEmptyLinesAndLinesWithoutAColon() {
        assertThat(rewrite(bytes("\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n"), 1, DROP, new byte[0]))
                .isNull();
        assertThat(rewrite(bytes("GET / HTTP/1.1\r\nHost x\r\n\r\n"), 1, DROP, new byte[0]))
                .isNull();
    }

    @Test
    void refusesAHeadWhoseLineCountDiffersFromTheDecodedFields() {
        // The decoder changed the head (it merged or removed a field): its bytes no longer say the same.
        byte[] raw = bytes("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n");
        assertThat(rewrite(raw, 2, DROP, new byte[0])).isNull();
        assertThat(rewrite(raw, 3, DROP, new byte[0])).isNotNull();
    }

    @Test
    void dropsWhatConnectionListsButNeverFramingOrHost() {
        HttpHeaders h = new DefaultHttpHeaders().add("Connection", "keep-alive, X-Hop, Content-Length , host");
        assertThat(HeadWriter.dropNames(h, DROP)).contains("x-hop").doesNotContain("content-length", "host");
        assertThat(HeadWriter.dropNames(new DefaultHttpHeaders().add("Connection", "close"), DROP))
                .isSameAs(DROP);
    }

    @Test
    void readsEveryConnectionHeaderAndTrimsEachListedName() {
        // Unvalidated, so the value may keep blanks at its ends as well as inside.
        HttpHeaders h = DefaultHttpHeadersFactory.headersFactory()
                .withValidation(false)
                .newHeaders()
                .add("Connection", "  ,X-A\t, ,x-b  ,KEEP-ALIVE")
                .add("Connection", "X-C");
        assertThat(HeadWriter.dropNames(h, DROP)).containsExactlyElementsOf(concat(DROP, List.of("x-a", "x-b", "x-c")));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
