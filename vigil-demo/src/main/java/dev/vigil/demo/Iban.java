package dev.vigil.demo;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/** Builds and checks IBANs with the ISO 13616 mod-97 check digits. */
public final class Iban {

    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Iban() {}

    /** The IBAN for a country code and a domestic account number (BBAN), with its check digits computed. */
    public static String of(String country, String bban) {
        String upper = bban.toUpperCase(Locale.ROOT);
        int remainder = mod97(upper + country.toUpperCase(Locale.ROOT) + "00");
        int check = 98 - remainder;
        return country.toUpperCase(Locale.ROOT) + (check < 10 ? "0" : "") + check + upper;
    }

    /** A random, valid IBAN in the national format of DE, GB or CH. */
    public static String random(String country, RandomGenerator random) {
        return switch (country) {
            case "DE" -> of("DE", digits(18, random));
            case "GB" -> of("GB", List.of("NWBK", "BARC", "LOYD").get(random.nextInt(3)) + digits(14, random));
            case "CH" -> of("CH", digits(17, random));
            default -> throw new IllegalArgumentException("no IBAN format for country " + country);
        };
    }

    private static String digits(int count, RandomGenerator random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(random.nextInt(10));
        }
        return out.toString();
    }

    /** True when the value (spaces allowed) has a country code, check digits and a valid mod-97 remainder. */
    public static boolean isValid(String value) {
        if (value == null) {
            return false;
        }
        String compact = value.replace(" ", "").toUpperCase(Locale.ROOT);
        if (compact.length() < 15 || compact.length() > 34 || !compact.matches("[A-Z]{2}[0-9]{2}[A-Z0-9]+")) {
            return false;
        }
        return mod97(compact.substring(4) + compact.substring(0, 4)) == 1;
    }

    private static int mod97(String alphanumeric) {
        StringBuilder digits = new StringBuilder();
        for (char c : alphanumeric.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue();
    }
}
