package dev.vigil.discovery.accuracy;

import java.util.List;
import java.util.Random;

/** Word lists from which realistic names, slugs and codes are composed. */
final class Vocabulary {
    private Vocabulary() {}

    static final List<String> FIRST = List.of(
            "alex", "maria", "john", "wei", "priya", "lucas", "emma", "omar", "yuki", "sofia", "noah", "fatima", "liam",
            "olga", "diego", "chen", "anna", "ivan", "sara", "tom", "mia", "raj", "lena", "paul", "nina", "kofi", "ana",
            "max", "eva", "leo", "zoe", "sam", "kim", "dan", "amir", "jules", "marco", "hana");
    static final List<String> LAST = List.of(
            "smith",
            "silva",
            "nguyen",
            "kumar",
            "garcia",
            "mueller",
            "rossi",
            "tanaka",
            "kowalski",
            "ivanov",
            "okafor",
            "larsen",
            "dubois",
            "novak",
            "haddad",
            "park",
            "fischer",
            "moreau",
            "santos",
            "berg",
            "weber",
            "jansen",
            "costa",
            "yamada",
            "ali",
            "hughes",
            "morgan",
            "reyes",
            "schmidt",
            "lopez");
    static final List<String> WORDS = List.of(
            "cloud", "data", "fast", "open", "micro", "hyper", "pixel", "rust", "go", "node", "react", "vue", "api",
            "web", "app", "core", "kit", "lab", "hub", "dev", "ops", "sync", "flow", "stack", "bit", "byte", "code",
            "forge", "craft", "spark", "stream", "graph", "query", "cache", "queue", "shell", "vim", "emacs", "terra",
            "form", "auth", "gate", "proxy", "mesh", "log", "metric", "trace", "pulse", "nova", "orbit", "atlas",
            "echo", "delta", "lambda", "vector", "matrix", "tensor", "neural", "quant", "river", "stone", "maple",
            "cedar", "falcon", "otter", "panda", "tiger", "wolf", "fox", "owl");
    static final List<String> REPO_COMMON = List.of(
            "dotfiles",
            "blog",
            "website",
            "docs",
            "hello-world",
            "api",
            "cli",
            "homebrew-tap",
            "infra",
            "terraform",
            "helm-charts",
            "design-system",
            "mobile-app",
            "backend",
            "frontend",
            "sdk",
            "examples",
            "awesome-list",
            ".github",
            "config",
            "scripts",
            "playground",
            "notes",
            "resume",
            "portfolio",
            "advent-of-code");

    static String pick(List<String> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }

    static String login(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> pick(FIRST, random) + pick(LAST, random);
            case 1 -> pick(FIRST, random) + "-" + pick(LAST, random);
            case 2 -> pick(FIRST, random).charAt(0) + pick(LAST, random);
            case 3 -> pick(FIRST, random) + (1970 + random.nextInt(40));
            case 4 -> pick(WORDS, random) + pick(WORDS, random);
            case 5 -> pick(FIRST, random) + pick(LAST, random).substring(0, 1) + random.nextInt(100);
            case 6 -> pick(WORDS, random) + "-" + pick(WORDS, random);
            default -> pick(FIRST, random) + "_" + pick(WORDS, random);
        };
    }

    static String slug(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> pick(WORDS, random) + "-" + pick(WORDS, random);
            case 1 -> pick(WORDS, random) + pick(WORDS, random);
            case 2 -> pick(WORDS, random) + "-" + pick(WORDS, random) + "-" + pick(WORDS, random);
            default -> pick(WORDS, random) + "." + pick(List.of("js", "py", "go", "rs", "nvim", "io"), random);
        };
    }

    static String chars(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    static final String HEX = "0123456789abcdef";
    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** Kubernetes generated-name alphabet (no vowels, no confusable digits). */
    static final String K8S = "bcdfghjklmnpqrstvwxz2456789";
}
