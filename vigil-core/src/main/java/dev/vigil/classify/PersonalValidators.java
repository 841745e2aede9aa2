package dev.vigil.classify;

import static dev.vigil.classify.ValueEvidence.NONE;
import static dev.vigil.classify.ValueEvidence.STRONG;
import static dev.vigil.classify.ValueEvidence.WEAK;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.EmailValidator;
import org.apache.commons.validator.routines.InetAddressValidator;

/** Contact details and other personal attributes. */
final class PersonalValidators {
    private PersonalValidators() {}

    /** Email address per commons-validator (RFC 5322 local part, valid domain and TLD). */
    static ValueEvidence email(String value, boolean keyed) {
        int len = value.length();
        if (len < 6 || len > 254) {
            return NONE;
        }
        int at = value.indexOf('@');
        if (at < 1 || at != value.lastIndexOf('@') || value.indexOf('.', at) < 0 || hasWhitespace(value)) {
            return NONE;
        }
        return EmailValidator.getInstance().isValid(value) ? STRONG : NONE;
    }

    private static final List<String> NATIONAL_REGIONS = List.of("US", "GB", "DE", "FR", "IN", "BR", "AU");

    /**
     * Phone number via libphonenumber. An international number ({@code +} or {@code 00}) valid for
     * its country is strong. A national number is ambiguous with ids and timestamps, so it is only
     * checked (against a few large numbering plans) when the key says phone, and is then weak.
     */
    static ValueEvidence phone(String value, boolean keyed) {
        int len = value.length();
        if (len < 7 || len > 24) {
            return NONE;
        }
        int digits = 0;
        for (int i = 0; i < len; i++) {
            char ch = value.charAt(i);
            if (ch >= '0' && ch <= '9') {
                digits++;
            } else if ("+-() .".indexOf(ch) < 0 || (ch == '+' && i > 0)) {
                return NONE;
            }
        }
        if (digits < 7 || digits > 15) {
            return NONE;
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        boolean international = value.charAt(0) == '+' || value.startsWith("00");
        if (international) {
            String e164 = value.charAt(0) == '+' ? value : "+" + value.substring(2);
            try {
                return util.isValidNumber(util.parse(e164, "ZZ")) ? STRONG : NONE;
            } catch (NumberParseException e) {
                return NONE;
            }
        }
        if (!keyed) {
            return NONE;
        }
        for (String region : NATIONAL_REGIONS) {
            try {
                if (util.isValidNumberForRegion(util.parse(value, region), region)) {
                    return WEAK;
                }
            } catch (NumberParseException e) {
                return NONE;
            }
        }
        return NONE;
    }

    /**
     * IP address (v4 or v6). A dotted quad of single digits ("1.2.3.4") reads like a version
     * number, so it is weak; three-part versions are not addresses at all.
     */
    static ValueEvidence ip(String value, boolean keyed) {
        int len = value.length();
        if (len < 2 || len > 45) {
            return NONE;
        }
        int dots = 0;
        int colons = 0;
        for (int i = 0; i < len; i++) {
            char ch = value.charAt(i);
            if (ch == '.') {
                dots++;
            } else if (ch == ':') {
                colons++;
            } else if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'))) {
                return NONE;
            }
        }
        InetAddressValidator validator = InetAddressValidator.getInstance();
        if (colons == 0 && dots == 3) {
            if (!validator.isValidInet4Address(value)) {
                return NONE;
            }
            return len == 7 ? WEAK : STRONG;
        }
        if (colons >= 2) {
            return validator.isValidInet6Address(value) ? STRONG : NONE;
        }
        return NONE;
    }

    private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})(?:[T ].*)?");
    private static final Pattern SLASHED = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})");
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");

    /** A calendar date (ISO, d/m/y, m/d/y or yyyymmdd) with a year from 1900 to 2100. */
    static ValueEvidence date(String value, boolean keyed) {
        int len = value.length();
        if (len < 8 || len > 35 || !Character.isDigit(value.charAt(0))) {
            return NONE;
        }
        Matcher m = ISO_DATE.matcher(value);
        if (m.matches()) {
            return plausible(m.group(1), m.group(2), m.group(3)) ? WEAK : NONE;
        }
        m = SLASHED.matcher(value);
        if (m.matches()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            boolean dayFirst = plausible(m.group(3), String.valueOf(b), String.valueOf(a));
            boolean monthFirst = plausible(m.group(3), String.valueOf(a), String.valueOf(b));
            return dayFirst || monthFirst ? WEAK : NONE;
        }
        m = COMPACT.matcher(value);
        if (m.matches()) {
            return plausible(m.group(1), m.group(2), m.group(3)) ? WEAK : NONE;
        }
        return NONE;
    }

    private static boolean plausible(String y, String mo, String d) {
        int year = Integer.parseInt(y);
        int month = Integer.parseInt(mo);
        int day = Integer.parseInt(d);
        return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    /** A person's name: letters (any script), spaces, hyphens, apostrophes, dots; no digits. */
    static ValueEvidence personName(String value, boolean keyed) {
        int len = value.length();
        if (len < 1 || len > 100 || !keyed) {
            return NONE;
        }
        boolean letter = false;
        for (int i = 0; i < len; i++) {
            char ch = value.charAt(i);
            if (Character.isLetter(ch)) {
                letter = true;
            } else if (" -'.,".indexOf(ch) < 0) {
                return NONE;
            }
        }
        return letter && !isLiteralWord(value) ? WEAK : NONE;
    }

    /** Postal/ZIP code: 3-10 letters, digits, spaces or dashes, with at least one digit. */
    static ValueEvidence postalCode(String value, boolean keyed) {
        return NationalIdValidators.alnumWithDigit(value, 3, 10, " -") ? WEAK : NONE;
    }

    /** A latitude or longitude: a decimal in [-180, 180] with at least two decimal places. */
    static ValueEvidence coordinate(String value, boolean keyed) {
        int len = value.length();
        int dot = value.indexOf('.');
        if (len < 4 || len > 20 || dot < 1 || len - dot - 1 < 2) {
            return NONE;
        }
        try {
            double v = Double.parseDouble(value);
            return Math.abs(v) <= 180 && (v != Math.rint(v)) ? WEAK : NONE;
        } catch (NumberFormatException e) {
            return NONE;
        }
    }

    /** Free text with at least one letter (addresses, diagnoses): only the key can say what it is. */
    static ValueEvidence text(String value, boolean keyed) {
        if (!keyed || value.length() < 2 || value.length() > 2000 || isLiteralWord(value)) {
            return NONE;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isLetter(value.charAt(i))) {
                return WEAK;
            }
        }
        return NONE;
    }

    /**
     * A street or postal address line: several words with a letter, and not an email or URL
     * (single tokens under an "address" key are usually network or wallet addresses).
     */
    static ValueEvidence streetAddress(String value, boolean keyed) {
        if (!keyed || value.indexOf('@') >= 0 || value.contains("://") || CredentialValidators.wordCount(value) < 2) {
            return NONE;
        }
        return text(value, true);
    }

    /** Any value that carries content: not a boolean, null-like word or a mask. */
    static ValueEvidence present(String value, boolean keyed) {
        return keyed && !isLiteralWord(value) && !isMasked(value) ? WEAK : NONE;
    }

    /** JSON/YAML literals and common placeholders that never carry sensitive content. */
    static boolean isLiteralWord(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "false", "null", "nil", "none", "undefined", "n/a", "na", "-", "unknown", "yes", "no" -> true;
            default -> false;
        };
    }

    /** Already-masked values ("****", "xxxx", "•••", redaction placeholders) hold nothing. */
    static boolean isMasked(String value) {
        if (value.startsWith("<redacted")) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch != '*' && ch != 'x' && ch != 'X' && ch != '•' && ch != '#' && ch != '-') {
                return false;
            }
        }
        return true;
    }

    static boolean hasWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
