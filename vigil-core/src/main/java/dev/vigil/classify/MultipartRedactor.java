package dev.vigil.classify;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redacts {@code multipart/form-data} bodies part by part: a field part's value is judged with its
 * field name, a file part's content is scanned as text. Part headers and boundaries are kept.
 */
final class MultipartRedactor {
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=\"?([^\";]{1,70})\"?");
    private static final Pattern NAME = Pattern.compile("(?i)\\bname=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("(?i)\\bfilename\\*?=");

    private MultipartRedactor() {}

    /** The redacted body, or null when the media type names no boundary (caller falls back). */
    static String redact(String mediaType, String body, Redactor redactor, TextRedactor text) {
        Matcher b = BOUNDARY.matcher(mediaType);
        if (!b.find()) {
            return null;
        }
        String delimiter = "--" + b.group(1);
        String[] parts = body.split(Pattern.quote(delimiter), -1);
        StringBuilder sb = new StringBuilder(body.length());
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            sb.append(i == 0 || parts[i].startsWith("--") ? parts[i] : redactPart(parts[i], redactor, text));
        }
        return sb.toString();
    }

    private static String redactPart(String part, Redactor redactor, TextRedactor text) {
        int split = part.indexOf("\r\n\r\n");
        int sepLen = 4;
        if (split < 0) {
            split = part.indexOf("\n\n");
            sepLen = 2;
        }
        if (split < 0) {
            return text.redact(part);
        }
        String headers = part.substring(0, split + sepLen);
        String content = part.substring(split + sepLen);
        String trailer = content.endsWith("\r\n") ? "\r\n" : content.endsWith("\n") ? "\n" : "";
        String value = content.substring(0, content.length() - trailer.length());
        Matcher name = NAME.matcher(headers);
        boolean file = FILENAME.matcher(headers).find()
                || !headers.toLowerCase(Locale.ROOT).contains("content-disposition");
        String redacted = !file && name.find() ? redactor.redactValue(name.group(1), value) : text.redact(value);
        return headers + redacted + trailer;
    }
}
