package dev.vigil.traffic;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A HAR document of {@code entries} realistic entries produced on demand, a few kilobytes at a time:
 * it is never held in memory or written to disk, so it can stand in for a capture of any size.
 */
final class GeneratedHar extends InputStream {
    private static final byte[] HEAD =
            ("{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"WebInspector\",\"version\":\"537.36\"},"
                            + "\"pages\":[],\"entries\":[")
                    .getBytes(StandardCharsets.UTF_8);
    private static final byte[] TAIL = "]}}".getBytes(StandardCharsets.UTF_8);
    private static final String FILLER = "x".repeat(1800);

    private final long entries;
    private long next;
    private byte[] chunk = HEAD;
    private int pos;
    private boolean done;

    GeneratedHar(long entries) {
        this.entries = entries;
    }

    /** Bytes of one entry, for sizing. */
    static int entrySize() {
        return entry(1).length + 1;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        while (pos >= chunk.length) {
            if (done) {
                return -1;
            }
            if (next < entries) {
                byte[] e = entry(next);
                chunk = next == 0 ? e : prefixComma(e);
                next++;
            } else {
                chunk = TAIL;
                done = true;
            }
            pos = 0;
        }
        int n = Math.min(len, chunk.length - pos);
        System.arraycopy(chunk, pos, b, off, n);
        pos += n;
        return n;
    }

    private static byte[] prefixComma(byte[] e) {
        byte[] out = new byte[e.length + 1];
        out[0] = ',';
        System.arraycopy(e, 0, out, 1, e.length);
        return out;
    }

    private static byte[] entry(long i) {
        String json =
                "{\"_initiator\":{\"type\":\"script\"},\"_priority\":\"High\",\"_resourceType\":\"fetch\",\"cache\":{},"
                        + "\"request\":{\"method\":\"" + (i % 5 == 0 ? "POST" : "GET")
                        + "\",\"url\":\"https://api.example.com/v1/users/"
                        + i + "/orders?page=" + (i % 7) + "&sort=created\",\"httpVersion\":\"http/2.0\",\"headers\":["
                        + "{\"name\":\":authority\",\"value\":\"api.example.com\"},"
                        + "{\"name\":\"accept\",\"value\":\"application/json\"},"
                        + "{\"name\":\"authorization\",\"value\":\"Bearer opaque-" + Long.toHexString(i * 2654435761L)
                        + "\"},"
                        + "{\"name\":\"user-agent\",\"value\":\"Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0\"}],"
                        + "\"queryString\":[],\"cookies\":[],\"headersSize\":-1,\"bodySize\":0,"
                        + "\"postData\":{\"mimeType\":\"application/json\",\"text\":\"{\\\"note\\\":\\\""
                        + FILLER.substring(0, 300)
                        + "\\\"}\"}},"
                        + "\"response\":{\"status\":200,\"statusText\":\"\",\"httpVersion\":\"http/2.0\",\"headers\":["
                        + "{\"name\":\"content-type\",\"value\":\"application/json\"}],\"cookies\":[],"
                        + "\"content\":{\"size\":1900,\"mimeType\":\"application/json\",\"text\":\"{\\\"id\\\":" + i
                        + ",\\\"items\\\":[\\\"" + FILLER
                        + "\\\"]}\"},\"redirectURL\":\"\",\"headersSize\":-1,\"bodySize\":-1},"
                        + "\"serverIPAddress\":\"203.0.113.10\",\"startedDateTime\":\"2026-03-02T09:15:01.532Z\",\"time\":12.5,"
                        + "\"timings\":{\"blocked\":1.2,\"dns\":-1,\"ssl\":-1,\"connect\":-1,\"send\":0.1,\"wait\":10.0,\"receive\":1.2}}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
