package dev.vigil.classify;

/**
 * What a validator concludes about a value on its own. {@code WEAK} means the value has the right
 * shape and checksum but such values are common by chance (a nine-digit number passing a 1-in-10
 * check), so it counts only when the key name agrees. {@code STRONG} means the value alone is
 * distinctive enough to report.
 */
enum ValueEvidence {
    NONE,
    WEAK,
    STRONG
}
