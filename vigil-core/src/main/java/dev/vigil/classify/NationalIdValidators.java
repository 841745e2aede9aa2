package dev.vigil.classify;

import static dev.vigil.classify.ValueEvidence.NONE;
import static dev.vigil.classify.ValueEvidence.STRONG;
import static dev.vigil.classify.ValueEvidence.WEAK;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Government identifiers whose structure or check digits can be verified. */
final class NationalIdValidators {
    private NationalIdValidators() {}

    private static final Set<String> ADVERTISED_SSNS = Set.of("078051120", "219099999", "123456789");

    /**
     * US SSN: area not 000, 666 or 900-999; group not 00; serial not 0000; not a number the SSA
     * voided after it was printed in advertising. Dashed form is strong, bare nine digits weak.
     */
    static ValueEvidence ssn(String value, boolean keyed) {
        int len = value.length();
        if (len != 9 && len != 11) {
            return NONE;
        }
        String digits;
        boolean formatted = false;
        if (len == 11) {
            char s1 = value.charAt(3);
            char s2 = value.charAt(6);
            if (s1 != s2 || (s1 != '-' && s1 != ' ')) {
                return NONE;
            }
            digits = value.substring(0, 3) + value.substring(4, 6) + value.substring(7);
            formatted = true;
        } else {
            digits = value;
        }
        if (!Checksums.isDigits(digits)) {
            return NONE;
        }
        int area = Integer.parseInt(digits.substring(0, 3));
        int group = Integer.parseInt(digits.substring(3, 5));
        int serial = Integer.parseInt(digits.substring(5));
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return NONE;
        }
        if (ADVERTISED_SSNS.contains(digits) || Checksums.allSame(digits)) {
            return NONE;
        }
        return formatted ? STRONG : WEAK;
    }

    private static final Pattern NINO = Pattern.compile("[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z][0-9]{6}[A-D]");
    private static final Set<String> NINO_BAD_PREFIXES = Set.of("BG", "GB", "KN", "NK", "NT", "TN", "ZZ");

    /** UK National Insurance number: HMRC prefix letter rules, six digits, suffix A-D. */
    static ValueEvidence nino(String value, boolean keyed) {
        if (value.length() < 9 || value.length() > 13) {
            return NONE;
        }
        String compact = value.replace(" ", "").toUpperCase(Locale.ROOT);
        if (compact.length() != 9 || !NINO.matcher(compact).matches()) {
            return NONE;
        }
        return NINO_BAD_PREFIXES.contains(compact.substring(0, 2)) ? NONE : STRONG;
    }

    /** Canadian SIN: nine digits, Luhn, first digit not 0 or 8 (unassigned). */
    static ValueEvidence sin(String value, boolean keyed) {
        if (value.length() < 9 || value.length() > 11) {
            return NONE;
        }
        String digits = Checksums.digitsOnly(value, " -");
        if (digits == null || digits.length() != 9 || digits.charAt(0) == '0' || digits.charAt(0) == '8') {
            return NONE;
        }
        return Checksums.luhn(digits) && !Checksums.allSame(digits) ? WEAK : NONE;
    }

    /** Indian Aadhaar: twelve digits, first not 0 or 1, Verhoeff check digit; 4-4-4 grouping is strong. */
    static ValueEvidence aadhaar(String value, boolean keyed) {
        if (value.length() != 12 && value.length() != 14) {
            return NONE;
        }
        String digits = Checksums.digitsOnly(value, " -");
        if (digits == null || digits.length() != 12 || digits.charAt(0) < '2') {
            return NONE;
        }
        if (!Checksums.verhoeff(digits) || Checksums.hasSequentialRun(digits, 6)) {
            return NONE;
        }
        boolean grouped =
                value.length() == 14 && value.charAt(4) == value.charAt(9) && !Character.isDigit(value.charAt(4));
        return grouped ? STRONG : WEAK;
    }

    /** Brazil CPF: eleven digits with two mod-11 check digits; the 000.000.000-00 mask is strong. */
    static ValueEvidence cpf(String value, boolean keyed) {
        if (value.length() != 11 && value.length() != 14) {
            return NONE;
        }
        String digits = Checksums.digitsOnly(value, ".-");
        if (digits == null || digits.length() != 11 || !Checksums.cpf(digits)) {
            return NONE;
        }
        boolean masked =
                value.length() == 14 && value.charAt(3) == '.' && value.charAt(7) == '.' && value.charAt(11) == '-';
        return masked ? STRONG : WEAK;
    }

    /** Passport number: 6-9 letters/digits with at least one digit (ICAO 9303 document numbers). */
    static ValueEvidence passport(String value, boolean keyed) {
        return alnumWithDigit(value, 6, 9, "") ? WEAK : NONE;
    }

    /** Driver licence number: formats differ by issuer, so only shape: 4-20 chars, a digit. */
    static ValueEvidence driverLicence(String value, boolean keyed) {
        return alnumWithDigit(value, 4, 20, " -*") ? WEAK : NONE;
    }

    /** Generic record identifier (MRN, member id): 4-32 letters/digits/dashes with a digit. */
    static ValueEvidence recordId(String value, boolean keyed) {
        return alnumWithDigit(value, 4, 32, "-_./") ? WEAK : NONE;
    }

    static boolean alnumWithDigit(String value, int min, int max, String extra) {
        int len = value.length();
        if (len < min || len > max) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < len; i++) {
            char ch = value.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digit = true;
            } else if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) && extra.indexOf(ch) < 0) {
                return false;
            }
        }
        return digit;
    }
}
