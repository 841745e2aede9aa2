package dev.vigil.classify;

import static dev.vigil.classify.ValueEvidence.NONE;
import static dev.vigil.classify.ValueEvidence.STRONG;
import static dev.vigil.classify.ValueEvidence.WEAK;

import java.util.regex.Pattern;

/** Health identifiers and codes (PHI under HIPAA when tied to a person). */
final class HealthValidators {
    private HealthValidators() {}

    /**
     * US National Provider Identifier: ten digits starting 1 or 2 whose Luhn check is computed
     * with the 80840 card-issuer prefix. One such number in fifty passes by chance: weak.
     */
    static ValueEvidence npi(String value, boolean keyed) {
        if (value.length() != 10 || !Checksums.isDigits(value)) {
            return NONE;
        }
        char c0 = value.charAt(0);
        return (c0 == '1' || c0 == '2') && Checksums.luhn("80840" + value) && !Checksums.allSame(value.substring(1))
                ? WEAK
                : NONE;
    }

    private static final Pattern ICD10 = Pattern.compile("[A-Z][0-9][0-9A-Z](?:\\.?[0-9A-Z]{1,4})?");

    /** ICD-10 (and ICD-10-CM) diagnosis code such as {@code E11.9}; short codes need the key. */
    static ValueEvidence icd10(String value, boolean keyed) {
        int len = value.length();
        if (len < 3 || len > 8) {
            return NONE;
        }
        char c0 = value.charAt(0);
        if (c0 < 'A' || c0 > 'Z' || !Character.isDigit(value.charAt(1))) {
            return NONE;
        }
        return ICD10.matcher(value).matches() ? WEAK : NONE;
    }

    private static final String MBI_LETTER = "[AC-HJKMNP-RT-Y]";
    private static final String MBI_ALNUM = "[AC-HJKMNP-RT-Y0-9]";
    private static final Pattern MBI = Pattern.compile("[1-9]" + MBI_LETTER + MBI_ALNUM + "[0-9]-?" + MBI_LETTER
            + MBI_ALNUM + "[0-9]-?" + MBI_LETTER + MBI_LETTER + "[0-9][0-9]");

    /**
     * US Medicare Beneficiary Identifier: eleven characters with a position-by-position alphabet
     * (no S, L, O, I, B, Z), distinctive enough to count on its own.
     */
    static ValueEvidence mbi(String value, boolean keyed) {
        int len = value.length();
        return (len == 11 || len == 13) && MBI.matcher(value).matches() ? STRONG : NONE;
    }
}
