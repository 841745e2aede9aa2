package dev.vigil.guard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw HTTP/1.1 upstream on 127.0.0.1 that records, for every request, how many body bytes it
 * received and whether the request was complete (its whole Content-Length arrived). A complete
 * request is answered 200 with the SHA-256 of its body; an incomplete one is only recorded. A
 * request to {@code /early} gets its response head and a first chunk before its body is read, as
 * an upstream that streams its answer would.
 */
final class RecordingUpstream implements AutoCloseable {
    /** What one connection delivered: {@code complete} when the whole declared body arrived. */
    record Received(long declared, long received, boolean complete, String sha256) {}

    private final ServerSocket server;
    private final Thread acceptor;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    RecordingUpstream() throws IOException {
        server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::accept);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** The next request's record, waiting for the connection to deliver or close. */
    Received next() throws InterruptedException {
        Received r = received.poll(20, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("upstream recorded no request");
        }
        return r;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s;
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream()) {
            while (true) {
                String head = head(in);
                if (head == null) {
                    return;
                }
                long declared = contentLength(head);
                boolean early = head.startsWith("POST /early ");
                if (early) {
                    out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nfirst\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[16384];
                long got = 0;
                while (got < declared) {
                    int n;
                    try {
                        n = in.read(buf, 0, (int) Math.min(buf.length, declared - got));
                    } catch (IOException reset) {
                        n = -1;
                    }
                    if (n < 0) {
                        break;
                    }
                    sha.update(buf, 0, n);
                    got += n;
                }
                boolean complete = got == declared;
                String hex = HexFormat.of().formatHex(sha.digest());
                received.add(new Received(declared, got, complete, hex));
                if (!complete) {
                    return;
                }
                if (early) {
                    out.write(("40\r\n" + hex + "\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    continue;
                }
                byte[] body = hex.getBytes(StandardCharsets.US_ASCII);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            // The guard closed the connection; what arrived is already recorded.
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int state = 0;
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            state = (b == '\r' && (state == 0 || state == 2))
                    ? state + 1
                    : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return out.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Long.parseLong(line.substring(15).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}
