package dev.vigil.scan.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Candidate HMAC secrets for the weak-secret test: the built-in list ({@code jwt-secrets.txt},
 * common and default secrets of frameworks and tutorials) or a user file, one secret per line,
 * {@code #} starting a comment line, at most {@value #MAX_WORDS} entries. Checked offline only.
 */
final class Wordlist {
    static final int MAX_WORDS = 200_000;
    static final String BUILTIN = "jwt-secrets.txt";
    // the built-in list never changes within a process; user files are read per scan
    private static final ConcurrentHashMap<String, List<String>> BUILTIN_WORDS = new ConcurrentHashMap<>();

    private Wordlist() {}

    /** The words of {@code file}, or of the built-in list when {@code file} is empty. */
    static List<String> load(String file) {
        try {
            if (!file.isEmpty()) {
                return words(Files.readString(Path.of(file), StandardCharsets.UTF_8));
            }
            return BUILTIN_WORDS.computeIfAbsent(BUILTIN, name -> {
                try (InputStream in = Wordlist.class.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IllegalStateException("built-in wordlist missing");
                    }
                    return words(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the built-in wordlist", e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the wordlist " + file, e);
        }
    }

    static List<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            out.add(line);
            if (out.size() >= MAX_WORDS) {
                break;
            }
        }
        return List.copyOf(new ArrayList<>(out));
    }
}
