package dev.vigil.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PlainHeads} reads only heads Netty's decoder reads the same way. The decoders with and
 * without it must turn the same bytes (mutated, split over reads, pipelined, cut short) into the
 * same messages; the heads it reads and the ones it must leave to Netty are pinned one by one.
 */
class PlainHeadsTest {
    private static final List<String> REQUESTS = List.of(
            "GET /a?b=1 HTTP/1.1\r\nHost: x\r\nUser-Agent: t\r\nAccept: */*\r\n\r\n",
            "POST /p HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}",
            "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            "GET / HTTP/1.0\r\n\r\n",
            "PUT /u HTTP/1.1\r\nhost:x\r\ncontent-length:0\r\nX-Empty:\r\nX-Tab:\tv \t w\t\r\n\r\n",
            "GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: k\r\n\r\n",
            "DELETE /d HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nCookie: a=b; c=d\r\n\r\n",
            "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET http://x/abs HTTP/1.1\r\nHost: y\r\n\r\n",
            "PATCH /q HTTP/1.1\r\nHOST: x\r\nCONTENT-LENGTH: 002\r\n\r\nhi");

    private static final List<String> RESPONSES = List.of(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello",
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            "HTTP/1.1 204 No Content\r\n\r\n",
            "HTTP/1.1 100 Continue\r\n\r\n",
            "HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\n\r\nbody until close",
            "HTTP/1.1 301 Moved Permanently\r\nLocation: /x\r\nContent-Length: 3\r\nServer: nginx\r\nDate: Mon\r\n\r\nabc",
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n\u0081\u0005hello",
            "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok",
            "HTTP/1.1 599 x\r\ncontent-length: 1\r\nset-cookie: s=1\r\n\r\n!");

    /** Lines a mutation inserts: the framing and syntax tricks request smuggling is made of. */
    private static final List<String> LINES = List.of(
            "Transfer-Encoding: chunked\r\n",
            "Transfer-Encoding: gzip\r\n",
            "Content-Length: 5\r\n",
            "Content-Length: 0\r\n",
            "Content-Length: +5\r\n",
            "Content-Length: 5, 5\r\n",
            "Content-Length:  3 \r\n",
            "Content-Length: 99999999999999999999\r\n",
            " folded\r\n",
            "\tfolded\r\n",
            "X : y\r\n",
            "X\t: y\r\n",
            ": novalue\r\n",
            "Host: other\r\n",
            "Upgrade: websocket\r\n",
            "Connection: close\r\n",
            "Sec-WebSocket-Key1: a\r\nSec-WebSocket-Key2: b\r\n",
            "X-Ctl: a\u0000b\r\n",
            "X-High: caf\u00e9\r\n",
            "X-LF: a\nb\r\n",
            "\r\n",
            "\n");

    private static final byte[] SPECIAL = {
        ' ',
        '\t',
        '\r',
        '\n',
        ':',
        ',',
        '0',
        '9',
        '-',
        '+',
        0,
        0x0b,
        0x0c,
        0x7f,
        (byte) 0x80,
        (byte) 0xff,
        'a',
        'A',
        '/'
    };

    @Test
    void decodersWithAndWithoutPlainHeadsAgreeOnMutatedSplitAndPipelinedTraffic() {
        long seed = Long.getLong("vigil.plainHeads.seed", 20261123L);
        int total = Integer.getInteger("vigil.plainHeads.cases", 40_000);
        Random random = new Random(seed);
        int[] plainRead = new int[2];
        int cases = 0;
        for (int i = 0; i < total; i++) {
            boolean requests = i % 2 == 0;
            List<String> corpus = requests ? REQUESTS : RESPONSES;
            StringBuilder input = new StringBuilder();
            int messages = 1 + random.nextInt(3);
            for (int m = 0; m < messages; m++) {
                input.append(corpus.get(random.nextInt(corpus.size())));
            }
            byte[] bytes = input.toString().getBytes(StandardCharsets.ISO_8859_1);
            if (random.nextInt(10) < 7) {
                int mutations = 1 + random.nextInt(3);
                for (int k = 0; k < mutations; k++) {
                    bytes = mutate(bytes, random);
                }
            }
            int[] cuts = cuts(bytes.length, random);
            boolean headRequest = !requests && random.nextInt(8) == 0;
            Transcript reference = run(requests, headRequest, false, bytes, cuts);
            Transcript plain = run(requests, headRequest, true, bytes, cuts);
            assertThat(plain.lines)
                    .as("input %s split at %s", escape(bytes), Arrays.toString(cuts))
                    .isEqualTo(reference.lines);
            plainRead[requests ? 0 : 1] += plain.plainHeads;
            cases++;
        }
        assertThat(cases).isEqualTo(total);
        // The comparison means something only if the plain reader took a good share of the heads.
        assertThat(plainRead[0]).as("requests read by PlainHeads").isGreaterThan(total / 6);
        assertThat(plainRead[1]).as("responses read by PlainHeads").isGreaterThan(total / 12);
    }

    @Test
    void aBodyLargerThanOneChunkIsCutAsNettyCutsIt() {
        byte[] body = new byte[150_000];
        new Random(7).nextBytes(body);
        byte[] head =
                "POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 150000\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] request = concat(head, body, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int[] cuts : new int[][] {{}, {head.length}, {10, 70_000, 140_060}, {head.length + 65_536}}) {
            Transcript reference = run(true, false, false, request, cuts);
            Transcript plain = run(true, false, true, request, cuts);
            assertThat(plain.lines).isEqualTo(reference.lines);
            assertThat(plain.plainHeads)
                    .as("split at %s", Arrays.toString(cuts))
                    .isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aBodyDroppedByAResetOrARefusedExpectationIsDroppedAsNettyDropsIt() {
        byte[] head =
                "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII);
        byte[] next = "GET /n HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (boolean event : new boolean[] {true, false}) {
            List<List<String>> transcripts = new ArrayList<>();
            for (boolean plain : new boolean[] {false, true}) {
                Codecs.RequestDecoder decoder = new Codecs.RequestDecoder(Codecs.decoderConfig(16384), plain);
                EmbeddedChannel ch = new EmbeddedChannel(decoder);
                List<String> lines = new ArrayList<>();
                ch.writeInbound(Unpooled.wrappedBuffer(head));
                drain(ch, lines);
                if (event) {
                    ch.pipeline()
                            .fireUserEventTriggered(io.netty.handler.codec.http.HttpExpectationFailedEvent.INSTANCE);
                } else {
                    decoder.reset();
                }
                ch.writeInbound(Unpooled.wrappedBuffer(next));
                drain(ch, lines);
                ch.finishAndReleaseAll();
                // Without PlainHeads the next head's bytes are not kept after a reset (the keeper
                // cannot tell where Netty's decoder stands); the decoded messages must be the same.
                transcripts.add(
                        lines.stream().map(l -> l.replaceAll(" raw=.*", "")).toList());
            }
            assertThat(transcripts.get(1))
                    .as(event ? "refused expectation" : "reset")
                    .isEqualTo(transcripts.get(0));
            assertThat(transcripts.get(1)).anyMatch(line -> line.contains("request GET /n"));
        }
    }

    @Test
    void limitsBelowWhatPlainHeadsReadsLeaveEveryHeadToNetty() {
        io.netty.handler.codec.http.HttpDecoderConfig small =
                Codecs.decoderConfig(16384).setMaxInitialLineLength(100);
        Codecs.RequestDecoder decoder = new Codecs.RequestDecoder(small, true);
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        List<String> lines = new ArrayList<>();
        ch.writeInbound(Unpooled.copiedBuffer(
                "GET /" + "a".repeat(200) + " HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.ISO_8859_1));
        drain(ch, lines);
        ch.finishAndReleaseAll();
        assertThat(decoder.plainHeadsRead()).isZero();
        assertThat(lines.get(0)).startsWith("failed io.netty.handler.codec.http.TooLongHttpLineException");
    }

    @Test
    void plainRequestHeadsAreReadHereWithTheirBytesKept() {
        String head = "POST /p?q=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nX-Tab:\t a b \t\r\nX-Empty:\r\n\r\n";
        PlainHeads reader = new PlainHeads();
        ByteBuf buffer = Unpooled.copiedBuffer(head + "hi", StandardCharsets.ISO_8859_1);
        try {
            Codecs.Request request =
                    reader.request(buffer, Codecs.decoderConfig(16384).getHeadersFactory());
            assertThat(request).isNotNull();
            assertThat(request.method().name()).isEqualTo("POST");
            assertThat(request.uri()).isEqualTo("/p?q=1");
            assertThat(request.headers().get("x-tab")).isEqualTo("a b");
            assertThat(request.headers().get("X-Empty")).isEmpty();
            assertThat(reader.contentLength()).isEqualTo(2);
            assertThat(new String(request.raw(), StandardCharsets.ISO_8859_1)).isEqualTo(head);
            assertThat(buffer.toString(StandardCharsets.ISO_8859_1)).isEqualTo("hi");
        } finally {
            buffer.release();
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // Framing Netty decides: both framings, chunked, two lengths, a length with a sign,
                // a list or a blank inside, one too long for a long.
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3, 3\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3 3\r\n\r\n",
                "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1234567890123456789\r\n\r\n",
                // Syntax Netty is lenient about or refuses: a blank before the colon, a folded line,
                // bare LF, a bare CR, a control byte, a byte above 0x7E, no colon.
                "GET / HTTP/1.1\r\nHost : x\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
                "GET / HTTP/1.1\nHost: x\n\n",
                "GET / HTTP/1.1\r\nHost: x\rX: y\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: x\u0000y\r\n\r\n",
                "GET / HTTP/1.1\r\nHost: caf\u00e9\r\n\r\n",
                "GET / HTTP/1.1\r\nHost\r\n\r\n",
                // Start lines: HTTP/1.0, tabs or runs of blanks, absolute form, asterisk, leading CRLF.
                "GET / HTTP/1.0\r\nHost: x\r\n\r\n",
                "GET\t/ HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET  / HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n",
                "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
                "\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n",
                // Not whole yet: Netty reads what has come and keeps its place.
                "GET / HTTP/1.1\r\nHost: x\r\n",
            })
    void headsWithAnyFramingOrSyntaxQuestionAreLeftToNetty(String head) {
        assertLeftToNetty(head, true);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
                "HTTP/1.1 204 No Content\r\nContent-Length: 3\r\n\r\n",
                "HTTP/1.1 304 Not Modified\r\nContent-Length: 3\r\n\r\n",
                "HTTP/1.1 101 Switching Protocols\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.1 100 Continue\r\nContent-Length: 0\r\n\r\n",
                "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\n",
                "HTTP/1.1 200 OK \r\nContent-Length: 3\r\n\r\n",
                "HTTP/1.1 200\r\nContent-Length: 3\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length : 3\r\n\r\n",
            })
    void responsesWithAnyFramingOrSyntaxQuestionAreLeftToNetty(String head) {
        assertLeftToNetty(head, false);
    }

    private static void assertLeftToNetty(String head, boolean request) {
        PlainHeads reader = new PlainHeads();
        ByteBuf buffer = Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1);
        try {
            Object read = request
                    ? reader.request(buffer, Codecs.decoderConfig(16384).getHeadersFactory())
                    : reader.response(buffer, Codecs.decoderConfig(65536).getHeadersFactory());
            assertThat(read).isNull();
            assertThat(buffer.readerIndex()).as("nothing consumed").isZero();
        } finally {
            buffer.release();
        }
    }

    @Test
    void aPlainResponseIsReadHere() {
        PlainHeads reader = new PlainHeads();
        ByteBuf buffer = Unpooled.copiedBuffer(
                "HTTP/1.1 404 Not  Found\r\nContent-Length: 3\r\nServer: s\r\n\r\nabc", StandardCharsets.ISO_8859_1);
        try {
            Codecs.Response response =
                    reader.response(buffer, Codecs.decoderConfig(65536).getHeadersFactory());
            assertThat(response).isNotNull();
            assertThat(response.status().code()).isEqualTo(404);
            assertThat(response.status().reasonPhrase()).isEqualTo("Not  Found");
            assertThat(reader.contentLength()).isEqualTo(3);
            assertThat(buffer.readableBytes()).isEqualTo(3);
        } finally {
            buffer.release();
        }
    }

    @Test
    void aHeadLongerThanTheFirstCopyIsStillReadWhole() {
        String head = "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + "v".repeat(3000) + "\r\n\r\n";
        PlainHeads reader = new PlainHeads();
        ByteBuf buffer = Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1);
        try {
            Codecs.Request request =
                    reader.request(buffer, Codecs.decoderConfig(16384).getHeadersFactory());
            assertThat(request).isNotNull();
            assertThat(request.headers().get("X-Long")).hasSize(3000);
            assertThat(buffer.isReadable()).isFalse();
        } finally {
            buffer.release();
        }
        String tooLong = "GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + "v".repeat(PlainHeads.MAX_LENGTH) + "\r\n\r\n";
        ByteBuf big = Unpooled.copiedBuffer(tooLong, StandardCharsets.ISO_8859_1);
        try {
            assertThat(reader.request(big, Codecs.decoderConfig(16384).getHeadersFactory()))
                    .as("left to Netty, which enforces the limits")
                    .isNull();
        } finally {
            big.release();
        }
    }

    @Test
    void theLinesFoundWhileReadingPlanTheSameForwardedHeadAsASearch() {
        PlainHeads reader = new PlainHeads();
        List<List<String>> drops = List.of(
                HeadWriter.dropList(),
                HeadWriter.dropList("x-forwarded-for", "forwarded"),
                List.of("host"),
                List.of("x-a", "x-b", "connection"));
        String[] heads = {
            "GET / HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nX-Forwarded-For: 1.2.3.4\r\nAccept: */*\r\n\r\n",
            "POST /b HTTP/1.1\r\nX-A: 1\r\nX-B: 2\r\nHost: x\r\nContent-Length: 0\r\nX-A: 3\r\nforwarded: for=x\r\n\r\n",
        };
        int compared = 0;
        for (String text : heads) {
            ByteBuf buffer = Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
            try {
                Codecs.Request request =
                        reader.request(buffer, Codecs.decoderConfig(16384).getHeadersFactory());
                assertThat(request.lines()).isNotNull();
                int fields = request.headers().size();
                byte[] extra = HeadWriter.line("X-Forwarded-For", "127.0.0.1");
                for (List<String> drop : drops) {
                    HeadWriter.Plan found = HeadWriter.plan(request.raw(), request.lines(), fields, drop, extra);
                    HeadWriter.Plan searched = HeadWriter.plan(request.raw(), null, fields, drop, extra);
                    assertThat(written(found)).as("%s dropping %s", text, drop).isEqualTo(written(searched));
                    compared++;
                }
                assertThat(HeadWriter.plan(request.raw(), request.lines(), fields + 1, drops.get(0), extra))
                        .as("a head whose fields changed after it was read is re-encoded")
                        .isNull();
            } finally {
                buffer.release();
            }
        }
        assertThat(compared).isEqualTo(heads.length * drops.size());
    }

    private static String written(HeadWriter.Plan plan) {
        ByteBuf out = plan.write(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT, 0);
        try {
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }

    /** What a decoder emitted, one line per message part, and how many heads PlainHeads read. */
    private record Transcript(List<String> lines, int plainHeads) {}

    private static Transcript run(boolean requests, boolean headRequest, boolean plain, byte[] bytes, int[] cuts) {
        ChannelHandler decoder;
        Supplier<Integer> read;
        if (requests) {
            Codecs.RequestDecoder d = new Codecs.RequestDecoder(Codecs.decoderConfig(16384), plain);
            decoder = d;
            read = d::plainHeadsRead;
        } else {
            Codecs.ResponseDecoder d = new Codecs.ResponseDecoder(Codecs.decoderConfig(65536), plain);
            d.headRequest = headRequest;
            decoder = d;
            read = d::plainHeadsRead;
        }
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        List<String> lines = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, from, cut)));
            drain(ch, lines);
            from = cut;
        }
        ch.writeInbound(Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, from, bytes.length)));
        drain(ch, lines);
        int plainHeads = read.get();
        ch.finish();
        lines.add("closed");
        drain(ch, lines);
        return new Transcript(lines, plainHeads);
    }

    private static void drain(EmbeddedChannel ch, List<String> lines) {
        Object o;
        while ((o = ch.readInbound()) != null) {
            try {
                lines.add(describe(o));
            } finally {
                ReferenceCountUtil.release(o);
            }
        }
    }

    private static String describe(Object o) {
        StringBuilder s = new StringBuilder();
        if (o instanceof HttpObject h) {
            s.append(h.decoderResult().isSuccess() ? "ok " : "failed " + cause(h) + " ");
        }
        if (o instanceof HttpRequest r) {
            s.append("request ")
                    .append(r.method())
                    .append(' ')
                    .append(r.uri())
                    .append(' ')
                    .append(r.protocolVersion());
            headers(s, r.headers());
            raw(s, o);
        }
        if (o instanceof HttpResponse r) {
            s.append("response ").append(r.protocolVersion()).append(' ').append(r.status());
            headers(s, r.headers());
            raw(s, o);
        }
        if (o instanceof HttpContent c) {
            s.append(o instanceof LastHttpContent ? " last " : " content ").append(ByteBufUtil.hexDump(c.content()));
            if (o instanceof LastHttpContent l) {
                headers(s, l.trailingHeaders());
            }
        }
        if (o instanceof ByteBuf b) {
            s.append("bytes ").append(ByteBufUtil.hexDump(b));
        }
        return s.toString();
    }

    private static String cause(HttpObject h) {
        Throwable t = h.decoderResult().cause();
        return t.getClass().getName() + ": " + t.getMessage();
    }

    private static void headers(StringBuilder s, HttpHeaders headers) {
        for (Map.Entry<String, String> e : headers) {
            s.append(" [").append(e.getKey()).append('=').append(e.getValue()).append(']');
        }
    }

    private static void raw(StringBuilder s, Object o) {
        byte[] raw = o instanceof Codecs.Head h ? h.raw() : null;
        s.append(" raw=").append(raw == null ? "none" : escape(raw));
    }

    private static byte[] mutate(byte[] bytes, Random random) {
        int at = random.nextInt(bytes.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (random.nextInt(6)) {
            case 0 -> {
                out.write(bytes, 0, at);
                out.write(SPECIAL[random.nextInt(SPECIAL.length)]);
                out.write(bytes, at, bytes.length - at);
            }
            case 1 -> {
                if (at == bytes.length) {
                    return bytes;
                }
                out.write(bytes, 0, at);
                out.write(bytes, at + 1, bytes.length - at - 1);
            }
            case 2 -> {
                if (at == bytes.length) {
                    return bytes;
                }
                byte[] copy = bytes.clone();
                copy[at] = SPECIAL[random.nextInt(SPECIAL.length)];
                return copy;
            }
            case 3 -> {
                // A whole line, inserted after a line end.
                int lineStart = lineStartAfter(bytes, at);
                byte[] line = LINES.get(random.nextInt(LINES.size())).getBytes(StandardCharsets.ISO_8859_1);
                out.write(bytes, 0, lineStart);
                out.write(line, 0, line.length);
                out.write(bytes, lineStart, bytes.length - lineStart);
            }
            case 4 -> {
                if (at == bytes.length) {
                    return bytes;
                }
                byte[] copy = bytes.clone();
                byte c = copy[at];
                copy[at] = (byte) (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
                return copy;
            }
            default -> {
                // A digit of a number changed: lengths that disagree with the body.
                for (int i = at; i < bytes.length; i++) {
                    if (bytes[i] >= '0' && bytes[i] <= '9') {
                        byte[] copy = bytes.clone();
                        copy[i] = (byte) ('0' + random.nextInt(10));
                        return copy;
                    }
                }
                return bytes;
            }
        }
        return out.toByteArray();
    }

    private static int lineStartAfter(byte[] bytes, int at) {
        for (int i = at; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return bytes.length;
    }

    private static int[] cuts(int length, Random random) {
        int n = random.nextInt(3) == 0 ? 0 : random.nextInt(4);
        int[] cuts = new int[n];
        for (int i = 0; i < n; i++) {
            cuts[i] = random.nextInt(length + 1);
        }
        Arrays.sort(cuts);
        return cuts;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }

    private static String escape(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02x", c));
            }
        }
        return s.toString();
    }
}
