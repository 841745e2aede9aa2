package dev.vigil.guard;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Bytes already in HTTP/1.1 wire form (a forwarded head, framed body bytes, tunnelled bytes). They
 * pass the HTTP encoders untouched, since those only take {@code HttpObject}s and plain buffers, and
 * {@link Unwrap}, next to the socket, hands the buffer on. A message written this way must be
 * written whole as {@code Wire}s (head and body) so the encoder's own state stays between messages.
 */
final class Wire extends DefaultByteBufHolder {
    Wire(ByteBuf bytes) {
        super(bytes);
    }

    /**
     * Writes one piece of a body in the framing it is forwarded in: as it is for a length-delimited
     * body, as a chunk (and, at the end, the last chunk and any trailers) for a chunked one. Takes
     * over {@code c}.
     */
    static void writeBody(Channel ch, HttpContent c, boolean chunked) {
        ByteBuf data = c.content();
        int n = data.readableBytes();
        if (!chunked) {
            if (n > 0) {
                ch.write(new Wire(data), ch.voidPromise());
            } else {
                c.release();
            }
            return;
        }
        byte[] end = c instanceof LastHttpContent last ? lastChunk(last.trailingHeaders()) : null;
        if (n > 0) {
            byte[] size = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            ch.write(new Wire(ch.alloc().directBuffer(size.length).writeBytes(size)), ch.voidPromise());
            ch.write(new Wire(data), ch.voidPromise());
            ch.write(new Wire(Unpooled.wrappedBuffer(CRLF)), ch.voidPromise());
        } else {
            c.release();
        }
        if (end != null) {
            ch.write(new Wire(ch.alloc().directBuffer(end.length).writeBytes(end)), ch.voidPromise());
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    private static byte[] lastChunk(HttpHeaders trailers) {
        if (trailers.isEmpty()) {
            return LAST_CHUNK;
        }
        StringBuilder sb = new StringBuilder("0\r\n");
        for (Map.Entry<String, String> e : trailers) {
            sb.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Sits between the socket and the HTTP codec; shared by every pipeline. */
    @ChannelHandler.Sharable
    static final class Unwrap extends ChannelOutboundHandlerAdapter {
        static final Unwrap INSTANCE = new Unwrap();

        private Unwrap() {}

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            ctx.write(msg instanceof Wire w ? w.content() : msg, promise);
        }
    }
}
