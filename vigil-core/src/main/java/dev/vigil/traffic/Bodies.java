package dev.vigil.traffic;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How readers turn captured bodies into the text an {@link Exchange} carries.
 *
 * <p>A body longer than the reader's limit is cut and ends with {@link #TRUNCATION_MARKER}, so the
 * flag travels with the body itself and no synthetic header is invented; consumers test it with
 * {@link #isTruncated(String)} (for example to skip schema inference on a cut JSON document).
 * Base64 bodies are decoded when their media type is textual (or, without a media type, when they
 * are valid UTF-8 text); binary bodies become the empty string, as {@link Exchange} documents.
 */
public final class Bodies {
    /** Appended to a truncated body. Starts with NUL, which no textual HTTP body carries. */
    public static final String TRUNCATION_MARKER = "\u0000[vigil:truncated]";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private Bodies() {}

    public static boolean isTruncated(String body) {
        return body.endsWith(TRUNCATION_MARKER);
    }

    /** The body cut to {@code maxChars} characters plus the marker, or unchanged when it fits. */
    public static String truncate(String body, int maxChars) {
        if (body.length() <= maxChars) {
            return body;
        }
        int end = maxChars;
        // Never split a surrogate pair: a lone high surrogate is not text.
        if (end > 0 && Character.isHighSurrogate(body.charAt(end - 1))) {
            end--;
        }
        return body.substring(0, end) + TRUNCATION_MARKER;
    }

    /** Both bodies of an exchange truncated to {@code maxChars}. */
    public static Exchange truncate(Exchange e, int maxChars) {
        Exchange.Request r = e.request();
        String requestBody = truncate(r.body(), maxChars);
        var response = e.response()
                .map(s -> s.body().length() <= maxChars
                        ? s
                        : new Exchange.Response(s.status(), s.headers(), truncate(s.body(), maxChars)));
        if (requestBody == r.body() && response.equals(e.response())) {
            return e;
        }
        return new Exchange(
                e.startedAt(),
                e.durationMicros(),
                new Exchange.Request(
                        r.method(), r.scheme(), r.host(), r.port(), r.path(), r.query(), r.headers(), requestBody),
                response,
                e.source(),
                e.clientAddress());
    }

    /**
     * Decodes a captured body. {@code encoding} is empty (the text is the body) or {@code base64};
     * {@code contentType} is the full Content-Type value (its charset is honoured) or empty.
     */
    public static String decode(String text, String encoding, String contentType, String field) {
        if (encoding.isEmpty()) {
            return text;
        }
        if (!encoding.equalsIgnoreCase("base64")) {
            throw new InvalidExchangeException(field + " has an unsupported encoding");
        }
        byte[] bytes;
        try {
            // Strict alphabet, but line breaks (as MIME writes them) are tolerated.
            bytes = Base64.getDecoder().decode(WHITESPACE.matcher(text).replaceAll(""));
        } catch (IllegalArgumentException e) {
            throw new InvalidExchangeException(field + " is not valid base64");
        }
        String mediaType = mediaType(contentType);
        if (isTextual(mediaType)) {
            return new String(bytes, charset(contentType));
        }
        if (mediaType.isEmpty()) {
            return strictUtf8(bytes);
        }
        return "";
    }

    /** Whether a media type (lower case, no parameters) carries text worth keeping. */
    public static boolean isTextual(String mediaType) {
        if (mediaType.startsWith("text/")) {
            return true;
        }
        if (mediaType.endsWith("+json") || mediaType.endsWith("+xml") || mediaType.endsWith("+yaml")) {
            return true;
        }
        return switch (mediaType) {
            case "application/json",
                    "application/xml",
                    "application/javascript",
                    "application/ecmascript",
                    "application/x-www-form-urlencoded",
                    "application/graphql",
                    "application/x-ndjson",
                    "application/jsonl",
                    "application/yaml",
                    "application/x-yaml",
                    "application/jwt",
                    "application/csv",
                    "application/sql" -> true;
            default -> false;
        };
    }

    static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi >= 0 ? contentType.substring(0, semi) : contentType).trim().toLowerCase(Locale.ROOT);
    }

    private static Charset charset(String contentType) {
        for (String param : contentType.split(";")) {
            String p = param.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).replace("\"", "").trim();
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            for (int i = 0; i < chars.length(); i++) {
                char c = chars.charAt(i);
                if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                    return "";
                }
            }
            return chars.toString();
        } catch (CharacterCodingException binary) {
            return "";
        }
    }
}
