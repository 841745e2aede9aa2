package dev.vigil.guard;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes bytes already in HTTP/1.1 wire form (a forwarded head, framed body bytes, tunnelled bytes)
 * below the HTTP codec: at the context of {@link Entry}, which sits between the socket and the codec,
 * so they go straight to the socket. The encoders only see the messages the guard builds or changes
 * as objects. A message written this way must be written whole this way (head and body), so the
 * encoder's own state stays between messages.
 */
final class Wire {
    private Wire() {}

    /** Where {@code ch}'s wire-form bytes enter its pipeline; valid while the channel lives. */
    static ChannelHandlerContext out(Channel ch) {
        return ch.pipeline().context(Entry.INSTANCE);
    }

    /**
     * Writes one piece of a body in the framing it is forwarded in: as it is for a length-delimited
     * body, as a chunk (and, at the end, the last chunk and any trailers) for a chunked one. Takes
     * over {@code c}.
     */
    static void writeBody(ChannelHandlerContext out, HttpContent c, boolean chunked) {
        ByteBuf data = c.content();
        int n = data.readableBytes();
        Channel ch = out.channel();
        if (!chunked) {
            if (n > 0) {
                out.write(data, ch.voidPromise());
            } else {
                c.release();
            }
            return;
        }
        byte[] end = c instanceof LastHttpContent last ? lastChunk(last.trailingHeaders()) : null;
        if (n > 0) {
            byte[] size = (Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write(out.alloc().directBuffer(size.length).writeBytes(size), ch.voidPromise());
            out.write(data, ch.voidPromise());
            out.write(Unpooled.wrappedBuffer(CRLF), ch.voidPromise());
        } else {
            c.release();
        }
        if (end != null) {
            out.write(out.alloc().directBuffer(end.length).writeBytes(end), ch.voidPromise());
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

    /**
     * Marks the place between the socket and the HTTP codec; it handles nothing itself, so every event
     * passes it by. Shared by every pipeline.
     */
    @ChannelHandler.Sharable
    static final class Entry extends ChannelHandlerAdapter {
        static final Entry INSTANCE = new Entry();

        private Entry() {}
    }
}
