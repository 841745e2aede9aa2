package dev.vigil.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The decoders' configuration: framing rules the guard sets itself rather than inheriting. */
class CodecsTest {
    @Test
    void rfc9112FramingIsSetInTheConfigNotLeftToNettysProcessWideDefault() {
        // The module's tests run with Netty's default turned off (see its pom): the guard's is on.
        assertThat(new io.netty.handler.codec.http.HttpDecoderConfig().isUseRfc9112TransferEncoding())
                .as("the process-wide default these tests run with")
                .isFalse();
        assertThat(Codecs.decoderConfig(16384).isUseRfc9112TransferEncoding()).isTrue();
    }

    @Test
    void aRequestFramedBothByLengthAndChunkedFailsToDecode() {
        assertThat(decode(
                                "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                        .isFailure())
                .isTrue();
    }

    @Test
    void aChunkedRequestWithoutALengthDecodes() {
        assertThat(decode("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                        .isSuccess())
                .isTrue();
    }

    private static io.netty.handler.codec.DecoderResult decode(String request) {
        EmbeddedChannel ch = new EmbeddedChannel(new Codecs.RequestDecoder(Codecs.decoderConfig(16384)));
        try {
            ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
            HttpRequest req = ch.readInbound();
            return req.decoderResult();
        } finally {
            ch.finishAndReleaseAll();
        }
    }
}
