package dev.vigil.guard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reads one HTTP/1.1 response (Content-Length or chunked framing) from a raw socket stream. */
final class RawHttp {
    private RawHttp() {}

    static String readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        String lower = head.toLowerCase(Locale.ROOT);
        StringBuilder body = new StringBuilder();
        int cl = lower.indexOf("content-length:");
        if (cl >= 0) {
            int end = lower.indexOf("\r\n", cl);
            int n = Integer.parseInt(head.substring(cl + 15, end).trim());
            body.append(new String(in.readNBytes(n), StandardCharsets.ISO_8859_1));
        } else if (lower.contains("transfer-encoding: chunked")) {
            while (true) {
                String size = readLine(in);
                int n = Integer.parseInt(size.trim(), 16);
                if (n == 0) {
                    readLine(in);
                    break;
                }
                body.append(new String(in.readNBytes(n), StandardCharsets.ISO_8859_1));
                readLine(in);
            }
        }
        return head + body;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int state = 0;
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            state = (b == '\r' && (state == 0 || state == 2))
                    ? state + 1
                    : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                break;
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
