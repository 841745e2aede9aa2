package dev.vigil.classify;

/** A value check implemented in Java and referenced by name from the definitions file. */
@FunctionalInterface
interface Validator {
    /**
     * Judges a trimmed, non-empty value. {@code keyed} says whether the key name already points at
     * this type; when it does not, a {@link ValueEvidence#WEAK} answer is worthless, so a validator
     * may skip expensive work that could only produce one. Must be cheap for values of the wrong
     * shape: check length and characters first.
     */
    ValueEvidence check(String value, boolean keyed);
}
