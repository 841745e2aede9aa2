package dev.vigil.guard.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * Pulls the string values (not keys) out of JSON text without building a tree, tolerating
 * truncation (captured bodies are cut at a size limit). Escapes are decoded.
 */
final class JsonStrings {
    private static final int MAX_VALUES = 256;

    private JsonStrings() {}

    static List<String> values(String json) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = json.length();
        while (i < n && out.size() < MAX_VALUES) {
            char c = json.charAt(i);
            if (c != '"') {
                i++;
                continue;
            }
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < n && json.charAt(i) != '"') {
                char d = json.charAt(i);
                if (d == '\\' && i + 1 < n) {
                    char e = json.charAt(++i);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'u' -> {
                            if (i + 4 < n) {
                                try {
                                    sb.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                                } catch (NumberFormatException ex) {
                                    sb.append('?');
                                }
                                i += 4;
                            }
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(d);
                }
                i++;
            }
            i++;
            // A string followed by ':' is a key.
            int j = i;
            while (j < n && Character.isWhitespace(json.charAt(j))) {
                j++;
            }
            if (j >= n || json.charAt(j) != ':') {
                out.add(sb.toString());
            }
        }
        return out;
    }
}
