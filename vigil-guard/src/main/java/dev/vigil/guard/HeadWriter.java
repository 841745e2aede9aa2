package dev.vigil.guard;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the head the guard forwards from the bytes it received: the start line and every header
 * line are copied as they came, except the lines named for removal, and new lines are appended.
 * Copying is several times cheaper than re-encoding a decoded head field by field, and the next hop
 * reads the very bytes the guard's decoder validated and its detectors inspected.
 *
 * <p>The copy is only made when the bytes have the plain shape Netty's decoder also read: a start
 * line beginning with a visible character, CRLF line ends and no bare CR or LF, no folded
 * (continued) lines, a colon in every header line and exactly as many header lines as the decoder
 * produced fields. Anything else returns null, and the caller re-encodes the decoded head instead.
 */
final class HeadWriter {
    /** Connection-specific headers (RFC 9110 §7.6.1), removed in both directions. */
    static final List<String> HOP_BY_HOP = List.of("connection", "keep-alive", "proxy-connection", "te", "upgrade");

    private HeadWriter() {}

    /** The lower-case names always removed from a message going on: the hop-by-hop set, then {@code more}. */
    static List<String> dropList(String... more) {
        List<String> names = new ArrayList<>(HOP_BY_HOP);
        names.addAll(List.of(more));
        return List.copyOf(names);
    }

    /**
     * {@code base} plus the names the message's Connection header lists, which are connection-specific
     * too (never framing or Host: see {@link HopByHop}). Returns {@code base} itself when the header
     * lists nothing new (the usual "keep-alive" or "close").
     */
    static List<String> dropNames(HttpHeaders h, List<String> base) {
        String connection = h.get(HttpHeaderNames.CONNECTION);
        if (connection == null) {
            return base;
        }
        List<String> names = base;
        for (String value : h.getAll(HttpHeaderNames.CONNECTION)) {
            int from = 0;
            while (from <= value.length()) {
                int comma = value.indexOf(',', from);
                int to = comma < 0 ? value.length() : comma;
                // The token is the list element without surrounding blanks (as String.trim).
                int start = from;
                int end = to;
                while (start < end && value.charAt(start) <= ' ') {
                    start++;
                }
                while (end > start && value.charAt(end - 1) <= ' ') {
                    end--;
                }
                // Names already listed (the usual "keep-alive") cost no allocation.
                if (end > start && !containsIgnoreCase(names, value, start, end)) {
                    String name = value.substring(start, end).toLowerCase(Locale.ROOT);
                    if (!HopByHop.isProtected(name)) {
                        if (names == base) {
                            names = new ArrayList<>(base);
                        }
                        names.add(name);
                    }
                }
                from = to + 1;
            }
        }
        return names;
    }

    /** Whether {@code lowerNames} holds {@code token} in any case. */
    static boolean containsIgnoreCase(List<String> lowerNames, String token) {
        return containsIgnoreCase(lowerNames, token, 0, token.length());
    }

    /** Whether {@code lowerNames} holds {@code text[from, to)} in any case. */
    private static boolean containsIgnoreCase(List<String> lowerNames, String text, int from, int to) {
        int length = to - from;
        for (int i = 0; i < lowerNames.size(); i++) {
            String name = lowerNames.get(i);
            if (name.length() == length && name.regionMatches(true, 0, text, from, length)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code raw} with the header lines whose names are in {@code drop} (lower case) left out and
     * {@code extra} (complete "Name: value\r\n" lines) added before the blank line, as a {@link Plan}
     * to write; null when {@code raw} is not a plain head of {@code fields} header lines.
     */
    static Plan plan(byte[] raw, int fields, List<String> drop, byte[] extra) {
        return plan(raw, null, fields, drop, extra);
    }

    /**
     * As {@link #plan(byte[], int, List, byte[])}, for a head whose lines {@link PlainHeads} already
     * found ({@link Codecs.Head#lines}, or null): they are not searched for again.
     */
    static Plan plan(byte[] raw, int[] lines, int fields, List<String> drop, byte[] extra) {
        int[] runs = lines != null && lines.length == 2 * fields + 1
                ? keptRuns(raw, lines, drop)
                : keptRuns(raw, fields, drop);
        return runs == null ? null : new Plan(raw, runs, extra);
    }

    /** As {@link #plan}, written (see {@link Plan#write}). */
    static ByteBuf rewrite(byte[] raw, int fields, List<String> drop, byte[] extra, ByteBufAllocator alloc, int spare) {
        return rewrite(raw, null, fields, drop, extra, alloc, spare);
    }

    /** As {@link #plan(byte[], int[], int, List, byte[])}, written (see {@link Plan#write}). */
    static ByteBuf rewrite(
            byte[] raw, int[] lines, int fields, List<String> drop, byte[] extra, ByteBufAllocator alloc, int spare) {
        Plan plan = plan(raw, lines, fields, drop, extra);
        return plan == null ? null : plan.write(alloc, spare);
    }

    /**
     * A checked head and what to copy of it: the kept runs of {@code raw} (see {@link #keptRuns}),
     * then {@code extra} and the blank line. Written when it is sent, as often as it is sent.
     */
    record Plan(byte[] raw, int[] runs, byte[] extra) {
        int length() {
            int length = extra.length + 2;
            for (int i = 1; i < 2 * runs[0]; i += 2) {
                length += runs[i + 1] - runs[i];
            }
            return length;
        }

        /** The head in a new buffer from {@code alloc}, with room for {@code spare} more bytes (a small body). */
        ByteBuf write(ByteBufAllocator alloc, int spare) {
            ByteBuf out = alloc.directBuffer(length() + spare);
            for (int i = 1; i < 2 * runs[0]; i += 2) {
                out.writeBytes(raw, runs[i], runs[i + 1] - runs[i]);
            }
            return out.writeBytes(extra).writeByte('\r').writeByte('\n');
        }
    }

    /**
     * The byte ranges of {@code raw} to keep, from the start line to the last kept header line, as
     * {@code runs[0]} pairs of [from, to) after it; null when {@code raw} is not plain. One scan:
     * the lines between two dropped ones are one run, copied at once.
     */
    private static int[] keptRuns(byte[] raw, int fields, List<String> drop) {
        int n = raw.length;
        if (n < 4
                || raw[0] <= ' '
                || raw[n - 4] != '\r'
                || raw[n - 3] != '\n'
                || raw[n - 2] != '\r'
                || raw[n - 1] != '\n') {
            return null;
        }
        int startLineEnd = lineEnd(raw, 0);
        if (startLineEnd < 0) {
            return null;
        }
        int[] runs = new int[7];
        int runStart = 0;
        int lines = 0;
        int pos = startLineEnd + 2;
        while (pos < n - 2) {
            byte first = raw[pos];
            if (first == ' ' || first == '\t') {
                return null;
            }
            // The name's token characters end at the colon; CR and LF are not among them.
            int colon = nameEnd(raw, pos, n);
            if (colon <= pos) {
                return null;
            }
            int end = lineEnd(raw, colon + 1);
            if (end < 0) {
                return null;
            }
            lines++;
            if (named(raw, pos, colon, drop)) {
                runs = addRun(runs, runStart, pos);
                runStart = end + 2;
            }
            pos = end + 2;
        }
        if (pos != n - 2 || lines != fields) {
            return null;
        }
        return addRun(runs, runStart, n - 2);
    }

    /**
     * As {@link #keptRuns(byte[], int, List)} for a head {@link PlainHeads} read, from the lines it
     * found: {@code lines} holds each header line's start and the index of its colon, then the start
     * of the blank line.
     */
    private static int[] keptRuns(byte[] raw, int[] lines, List<String> drop) {
        int count = lines.length / 2;
        int[] runs = new int[7];
        int runStart = 0;
        for (int i = 0; i < count; i++) {
            int start = lines[2 * i];
            if (named(raw, start, lines[2 * i + 1], drop)) {
                runs = addRun(runs, runStart, start);
                runStart = lines[2 * i + 2];
            }
        }
        return addRun(runs, runStart, lines[2 * count]);
    }

    private static int[] addRun(int[] runs, int from, int to) {
        if (to == from) {
            return runs;
        }
        int at = 1 + 2 * runs[0];
        if (at + 1 >= runs.length) {
            runs = java.util.Arrays.copyOf(runs, runs.length * 2 + 1);
        }
        runs[at] = from;
        runs[at + 1] = to;
        runs[0]++;
        return runs;
    }

    /** "Name: value\r\n" in ISO-8859-1, the charset Netty decoded header bytes with. */
    static byte[] line(String name, String value) {
        return (name + ": " + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Index of the CR of the CRLF ending the line at {@code from}; -1 on a bare CR or LF. */
    private static int lineEnd(byte[] b, int from) {
        int i = from;
        // Eight bytes at a time up to the word holding the first CR or LF, then byte by byte.
        while (i + Long.BYTES <= b.length && !hasCrOrLf((long) LONGS.get(b, i))) {
            i += Long.BYTES;
        }
        for (; i < b.length; i++) {
            byte c = b[i];
            if (c == '\r') {
                return i + 1 < b.length && b[i + 1] == '\n' ? i : -1;
            }
            if (c == '\n') {
                return -1;
            }
        }
        return -1;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** Whether any byte of {@code word} is CR or LF (the exact zero-byte test on each XOR). */
    private static boolean hasCrOrLf(long word) {
        long cr = word ^ (ONES * '\r');
        long lf = word ^ (ONES * '\n');
        return ((((cr - ONES) & ~cr) | ((lf - ONES) & ~lf)) & HIGHS) != 0;
    }

    /**
     * The index of the colon ending the field name at {@code from}, or -1 when a byte before it is
     * not a token character (RFC 9110 §5.1). Netty's response decoder tolerates, for example, a blank
     * before the colon; such a line must not be passed on as it came (RFC 9112 §5.1), so the head is
     * re-encoded from its decoded fields instead.
     */
    private static int nameEnd(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == ':') {
                return i;
            }
            if (!isToken(c)) {
                return -1;
            }
        }
        return -1;
    }

    /** Whether {@code c} is a token character (RFC 9110 §5.6.2); false for every byte above 0x7F. */
    static boolean isToken(byte c) {
        return c > 0 && TOKEN[c];
    }

    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    /** Whether {@code raw} starts with exactly "{@code method} {@code target} HTTP/1.1" and CRLF. */
    static boolean requestLineIs(byte[] raw, String method, String target) {
        int at = matches(raw, 0, method);
        at = at < 0 || at >= raw.length || raw[at] != ' ' ? -1 : matches(raw, at + 1, target);
        at = at < 0 || at >= raw.length || raw[at] != ' ' ? -1 : matches(raw, at + 1, "HTTP/1.1\r\n");
        return at > 0;
    }

    /**
     * Whether {@code raw} starts with "HTTP/1.1 ", the three digits of {@code code} and a blank: the
     * status line the decoder read, whatever the reason phrase.
     */
    static boolean statusLineIs(byte[] raw, int code) {
        return raw.length > 13
                && matches(raw, 0, "HTTP/1.1 ") == 9
                && raw[9] == '0' + code / 100
                && raw[10] == '0' + code / 10 % 10
                && raw[11] == '0' + code % 10
                && raw[12] == ' ';
    }

    /** The index after {@code text} when {@code raw} holds it at {@code from}, else -1. */
    private static int matches(byte[] raw, int from, String text) {
        if (from + text.length() > raw.length) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            if (raw[from + i] != text.charAt(i)) {
                return -1;
            }
        }
        return from + text.length();
    }

    private static boolean named(byte[] b, int from, int to, List<String> names) {
        int len = to - from;
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            if (name.length() == len && equalsLowerCase(b, from, name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code b} holds {@code lower} at {@code from}, in any case. */
    static boolean equalsLowerCase(byte[] b, int from, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            int c = b[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
