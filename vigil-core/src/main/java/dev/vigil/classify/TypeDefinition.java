package dev.vigil.classify;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One data type's detection rule, as loaded from a definitions file.
 *
 * <p>Evidence comes from the key name ({@code keys}, unless a word of {@code keyExcludes} is in the
 * key) and from the value ({@code validator} and/or {@code pattern}, after the cheap {@code
 * prefixes} and length checks). Key and strong value evidence combine as independent signals:
 * {@code 1 - (1 - valueConfidence)(1 - keyConfidence)}. A key with weak value evidence gives {@code
 * keyConfidence}. Strong value evidence alone gives {@code valueConfidence}, unless {@code
 * requiresKey} or the key holds a {@code contraryKeys} word (an identifier or counter name).
 */
record TypeDefinition(
        DataType type,
        List<KeyPattern> keys,
        Set<String> keyExcludes,
        Set<String> contraryKeys,
        String validatorName,
        Validator validator,
        Pattern pattern,
        List<String> prefixes,
        int minLength,
        int maxLength,
        boolean requiresKey,
        double valueConfidence,
        double keyConfidence) {

    TypeDefinition {
        Objects.requireNonNull(type, "type");
        keys = List.copyOf(keys);
        keyExcludes = Set.copyOf(keyExcludes);
        contraryKeys = Set.copyOf(contraryKeys);
        prefixes = List.copyOf(prefixes);
    }

    /** This definition with more key-veto words (a file's global {@code key_excludes}). */
    TypeDefinition withKeyExcludes(Set<String> more) {
        Set<String> all = new HashSet<>(keyExcludes);
        all.addAll(more);
        return new TypeDefinition(
                type,
                keys,
                all,
                contraryKeys,
                validatorName,
                validator,
                pattern,
                prefixes,
                minLength,
                maxLength,
                requiresKey,
                valueConfidence,
                keyConfidence);
    }

    boolean keyMatches(KeyName key) {
        if (key.isEmpty() || keys.isEmpty() || key.containsAnyWord(keyExcludes)) {
            return false;
        }
        for (KeyPattern p : keys) {
            if (p.matches(key)) {
                return true;
            }
        }
        return false;
    }

    boolean contraryKey(KeyName key) {
        return key.containsAnyWord(contraryKeys);
    }

    /** Confidence that {@code value} (trimmed, non-empty) is this type, or 0. */
    double evaluate(String value, boolean keyed, boolean contrary) {
        int len = value.length();
        if (len < minLength || len > maxLength || (requiresKey && !keyed)) {
            return 0;
        }
        if (!prefixes.isEmpty() && !hasPrefix(value)) {
            return 0;
        }
        ValueEvidence evidence = ValueEvidence.STRONG;
        if (pattern != null && !pattern.matcher(value).matches()) {
            return 0;
        }
        if (validator != null) {
            try {
                evidence = validator.check(value, keyed);
            } catch (RuntimeException e) {
                // Hostile input must never break traffic processing; an unjudgeable value is no match.
                evidence = ValueEvidence.NONE;
            }
        } else if (pattern == null) {
            evidence = PersonalValidators.present(value, keyed);
        }
        return switch (evidence) {
            case NONE -> 0;
            case WEAK -> keyed ? keyConfidence : 0;
            case STRONG -> {
                if (keyed) {
                    yield 1 - (1 - valueConfidence) * (1 - keyConfidence);
                }
                yield requiresKey || contrary ? 0 : valueConfidence;
            }
        };
    }

    private boolean hasPrefix(String value) {
        for (String p : prefixes) {
            if (value.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
