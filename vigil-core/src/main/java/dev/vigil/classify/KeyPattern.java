package dev.vigil.classify;

import java.util.List;

/**
 * A key-name pattern from a definitions file, written as words ({@code card number}). It matches a
 * {@link KeyName} containing those words consecutively, or a single run-together word equal to them
 * ({@code cardnumber}), their plural, or, for patterns of five letters or more, ending with them
 * ({@code userpassword}). Prefixes are deliberately not matched: {@code tokenizer} is no token.
 */
record KeyPattern(String source, List<String> words, String joined) {
    KeyPattern {
        words = List.copyOf(words);
    }

    static KeyPattern of(String source) {
        KeyName name = KeyName.of(source);
        return new KeyPattern(source, name.words(), String.join("", name.words()));
    }

    boolean matches(KeyName key) {
        List<String> kw = key.words();
        int n = words.size();
        for (int i = 0; i + n <= kw.size(); i++) {
            if (kw.subList(i, i + n).equals(words)) {
                return true;
            }
        }
        for (String w : kw) {
            if (w.equals(joined)
                    || (w.length() == joined.length() + 1 && w.startsWith(joined) && w.endsWith("s"))
                    || (joined.length() >= 5 && w.endsWith(joined))) {
                return true;
            }
        }
        return false;
    }
}
