package dev.vigil.classify;

import static dev.vigil.classify.ValueEvidence.NONE;
import static dev.vigil.classify.ValueEvidence.STRONG;
import static dev.vigil.classify.ValueEvidence.WEAK;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Payment cards, bank identifiers and crypto wallet addresses. */
final class FinancialValidators {
    private FinancialValidators() {}

    /**
     * Payment card: 12-19 digits (spaces or dashes allowed between groups), Luhn, and an issuer
     * (IIN) range whose brand allows that length. Long ascending/descending digit runs mark a
     * made-up or counter-generated number, which only counts with a card key.
     */
    static ValueEvidence card(String value, boolean keyed) {
        int len = value.length();
        if (len < 12 || len > 23) {
            return NONE;
        }
        char first = value.charAt(0);
        char last = value.charAt(len - 1);
        if (first < '1' || first > '6' || last < '0' || last > '9') {
            return NONE;
        }
        String digits = Checksums.digitsOnly(value, " -");
        if (digits == null || digits.length() < 12 || digits.length() > 19) {
            return NONE;
        }
        if (!brandAllowsLength(digits) || !Checksums.luhn(digits)) {
            return NONE;
        }
        return Checksums.hasSequentialRun(digits, 8) ? WEAK : STRONG;
    }

    /** Last four digits of a card value, for placeholders that keep them (as PCI DSS allows). */
    static String lastFour(String value) {
        String digits = Checksums.digitsOnly(value.strip(), " -");
        return digits == null || digits.length() < 12 ? "" : digits.substring(digits.length() - 4);
    }

    private static boolean brandAllowsLength(String d) {
        int n = d.length();
        int p6 = 0;
        for (int i = 0; i < 6; i++) {
            p6 = p6 * 10 + (d.charAt(i) - '0');
        }
        int p4 = p6 / 100;
        int p3 = p6 / 1000;
        int p2 = p6 / 10000;
        if (d.charAt(0) == '4') { // Visa
            return n == 13 || n == 16 || n == 19;
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) { // Mastercard
            return n == 16;
        }
        if (p2 == 34 || p2 == 37) { // American Express
            return n == 15;
        }
        if (p4 >= 2200 && p4 <= 2204) { // Mir
            return n >= 16 && n <= 19;
        }
        if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) { // Discover
            return n >= 16 && n <= 19;
        }
        if (p4 >= 3528 && p4 <= 3589) { // JCB
            return n >= 16 && n <= 19;
        }
        if ((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) { // Diners Club
            return n >= 14 && n <= 19;
        }
        if (p2 == 62) { // UnionPay
            return n >= 16 && n <= 19;
        }
        if (p2 == 50 || (p2 >= 56 && p2 <= 58) || p2 == 63 || p2 == 67 || p2 == 60) { // Maestro, RuPay
            return n >= 12 && n <= 19;
        }
        return false;
    }

    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24),
            Map.entry("AE", 23),
            Map.entry("AL", 28),
            Map.entry("AT", 20),
            Map.entry("AZ", 28),
            Map.entry("BA", 20),
            Map.entry("BE", 16),
            Map.entry("BG", 22),
            Map.entry("BH", 22),
            Map.entry("BI", 27),
            Map.entry("BR", 29),
            Map.entry("BY", 28),
            Map.entry("CH", 21),
            Map.entry("CR", 22),
            Map.entry("CY", 28),
            Map.entry("CZ", 24),
            Map.entry("DE", 22),
            Map.entry("DJ", 27),
            Map.entry("DK", 18),
            Map.entry("DO", 28),
            Map.entry("EE", 20),
            Map.entry("EG", 29),
            Map.entry("ES", 24),
            Map.entry("FI", 18),
            Map.entry("FK", 18),
            Map.entry("FO", 18),
            Map.entry("FR", 27),
            Map.entry("GB", 22),
            Map.entry("GE", 22),
            Map.entry("GI", 23),
            Map.entry("GL", 18),
            Map.entry("GR", 27),
            Map.entry("GT", 28),
            Map.entry("HR", 21),
            Map.entry("HU", 28),
            Map.entry("IE", 22),
            Map.entry("IL", 23),
            Map.entry("IQ", 23),
            Map.entry("IS", 26),
            Map.entry("IT", 27),
            Map.entry("JO", 30),
            Map.entry("KW", 30),
            Map.entry("KZ", 20),
            Map.entry("LB", 28),
            Map.entry("LC", 32),
            Map.entry("LI", 21),
            Map.entry("LT", 20),
            Map.entry("LU", 20),
            Map.entry("LV", 21),
            Map.entry("LY", 25),
            Map.entry("MC", 27),
            Map.entry("MD", 24),
            Map.entry("ME", 22),
            Map.entry("MK", 19),
            Map.entry("MN", 20),
            Map.entry("MR", 27),
            Map.entry("MT", 31),
            Map.entry("MU", 30),
            Map.entry("NI", 28),
            Map.entry("NL", 18),
            Map.entry("NO", 15),
            Map.entry("OM", 23),
            Map.entry("PK", 24),
            Map.entry("PL", 28),
            Map.entry("PS", 29),
            Map.entry("QA", 29),
            Map.entry("RO", 24),
            Map.entry("RS", 22),
            Map.entry("RU", 33),
            Map.entry("SA", 24),
            Map.entry("SC", 31),
            Map.entry("SD", 18),
            Map.entry("SE", 24),
            Map.entry("SI", 19),
            Map.entry("SK", 24),
            Map.entry("SM", 27),
            Map.entry("SO", 23),
            Map.entry("ST", 25),
            Map.entry("SV", 28),
            Map.entry("TL", 23),
            Map.entry("TN", 24),
            Map.entry("TR", 26),
            Map.entry("UA", 29),
            Map.entry("VA", 22),
            Map.entry("VG", 24),
            Map.entry("XK", 20),
            Map.entry("YE", 30));

    /** IBAN: country with a registered length, that exact length, and ISO 7064 mod 97 = 1. */
    static ValueEvidence iban(String value, boolean keyed) {
        int len = value.length();
        if (len < 15 || len > 42 || !Character.isLetter(value.charAt(0))) {
            return NONE;
        }
        StringBuilder sb = new StringBuilder(34);
        for (int i = 0; i < len; i++) {
            char ch = value.charAt(i);
            if (ch == ' ') {
                continue;
            }
            if (ch >= 'a' && ch <= 'z') {
                ch = (char) (ch - 32);
            }
            if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))) {
                return NONE;
            }
            sb.append(ch);
        }
        String iban = sb.toString();
        Integer expected = iban.length() >= 4 ? IBAN_LENGTHS.get(iban.substring(0, 2)) : null;
        if (expected == null || expected != iban.length()) {
            return NONE;
        }
        if (!Character.isDigit(iban.charAt(2)) || !Character.isDigit(iban.charAt(3))) {
            return NONE;
        }
        return Checksums.ibanMod97(iban) ? STRONG : NONE;
    }

    /**
     * ABA routing transit number: nine digits, a Federal Reserve prefix (00-12, 21-32, 61-72, 80)
     * and the 3-7-1 checksum. One nine-digit number in ten passes, so it needs the key.
     */
    static ValueEvidence abaRouting(String value, boolean keyed) {
        if (value.length() != 9 || !Checksums.isDigits(value)) {
            return NONE;
        }
        int prefix = Integer.parseInt(value.substring(0, 2));
        boolean known =
                prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix == 80;
        return known && Checksums.aba(value) && !Checksums.allSame(value) ? WEAK : NONE;
    }

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** SWIFT/BIC: bank (4 letters), ISO country, location (2), optional branch (3). */
    static ValueEvidence bic(String value, boolean keyed) {
        int len = value.length();
        if (len != 8 && len != 11) {
            return NONE;
        }
        for (int i = 0; i < len; i++) {
            char ch = value.charAt(i);
            boolean letter = ch >= 'A' && ch <= 'Z';
            boolean digit = ch >= '0' && ch <= '9';
            if (i < 6 ? !letter : !(letter || digit)) {
                return NONE;
            }
        }
        return COUNTRIES.contains(value.substring(4, 6)) ? WEAK : NONE;
    }

    /** Bank account number: 6-17 digits, optionally grouped; meaningful only with the key. */
    static ValueEvidence accountNumber(String value, boolean keyed) {
        if (value.length() < 6 || value.length() > 24) {
            return NONE;
        }
        String digits = Checksums.digitsOnly(value, " -");
        return digits != null && digits.length() >= 6 && digits.length() <= 17 && !Checksums.allSame(digits)
                ? WEAK
                : NONE;
    }

    /** Card verification code: three or four digits, only meaningful under a CVV key. */
    static ValueEvidence cvv(String value, boolean keyed) {
        return (value.length() == 3 || value.length() == 4) && Checksums.isDigits(value) ? WEAK : NONE;
    }

    private static final Pattern ETHEREUM = Pattern.compile("0x[0-9a-fA-F]{40}");

    /**
     * Crypto wallet: Bitcoin legacy/P2SH (Base58Check with double SHA-256) and SegWit (Bech32 or
     * Bech32m checksum) are strong; an Ethereum address is 0x plus 40 hex, which any hash can
     * imitate, so it is weak (its EIP-55 checksum needs Keccak, which we do not ship).
     */
    static ValueEvidence cryptoWallet(String value, boolean keyed) {
        int len = value.length();
        if (len < 26 || len > 90) {
            return NONE;
        }
        char c0 = value.charAt(0);
        if ((c0 == '1' || c0 == '3') && len <= 35) {
            return Base58.isBitcoinAddress(value) ? STRONG : NONE;
        }
        if (value.regionMatches(true, 0, "bc1", 0, 3)) {
            return Bech32.isSegwitAddress(value) ? STRONG : NONE;
        }
        if (len == 42 && c0 == '0' && ETHEREUM.matcher(value).matches()) {
            return WEAK;
        }
        return NONE;
    }
}
