package dev.vigil.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A field or parameter name split into lower-case words, so {@code cardNumber}, {@code card_number},
 * {@code card-number} and {@code CARD_NUMBER} all read as {@code [card, number]}. Splits on
 * non-alphanumerics, lower-to-upper case changes, acronym ends ({@code XMLHttp}) and letter/digit
 * boundaries.
 */
record KeyName(List<String> words) {
    static final KeyName NONE = new KeyName(List.of());

    KeyName {
        words = List.copyOf(words);
    }

    static KeyName of(String raw) {
        if (raw == null || raw.isEmpty()) {
            return NONE;
        }
        List<String> words = new ArrayList<>(4);
        StringBuilder word = new StringBuilder();
        int n = raw.length();
        for (int i = 0; i < n; i++) {
            char ch = raw.charAt(i);
            if (!Character.isLetterOrDigit(ch)) {
                flush(word, words);
                continue;
            }
            if (!word.isEmpty()) {
                char prev = raw.charAt(i - 1);
                boolean lowerToUpper = Character.isUpperCase(ch) && Character.isLowerCase(prev);
                boolean acronymEnd = Character.isUpperCase(ch)
                        && Character.isUpperCase(prev)
                        && i + 1 < n
                        && Character.isLowerCase(raw.charAt(i + 1));
                boolean digitBoundary = Character.isDigit(ch) != Character.isDigit(prev);
                if (lowerToUpper || acronymEnd || digitBoundary) {
                    flush(word, words);
                }
            }
            word.append(ch);
        }
        flush(word, words);
        return words.isEmpty() ? NONE : new KeyName(words);
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString().toLowerCase(Locale.ROOT));
            word.setLength(0);
        }
    }

    boolean isEmpty() {
        return words.isEmpty();
    }

    boolean containsAnyWord(Set<String> candidates) {
        for (String w : words) {
            if (candidates.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
