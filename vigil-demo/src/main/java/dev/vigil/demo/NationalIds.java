package dev.vigil.demo;

import java.util.random.RandomGenerator;

/**
 * Realistic national identification numbers per country, each with its real check rule, so
 * sensitive-data classifiers meet values that validate rather than random digits.
 */
final class NationalIds {

    private static final String NINO_PREFIX_FIRST = "ABCEGHJKLMNOPRSTWXYZ";
    private static final String NINO_PREFIX_SECOND = "ABCEGHJKLMNPRSTWXYZ";

    private NationalIds() {}

    static String generate(String country, RandomGenerator random) {
        return switch (country) {
            case "DE" -> germanTaxId(random);
            case "GB" -> britishInsuranceNumber(random);
            case "CH" -> swissSocialSecurityNumber(random);
            default -> throw new IllegalArgumentException("no national id format for country " + country);
        };
    }

    /** German Steuer-ID: 11 digits, first not zero, check digit by ISO 7064 MOD 11,10. */
    static String germanTaxId(RandomGenerator random) {
        StringBuilder id = new StringBuilder().append(1 + random.nextInt(9));
        while (id.length() < 10) {
            id.append(random.nextInt(10));
        }
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (id.charAt(i) - '0' + product) % 10;
            if (sum == 0) {
                sum = 10;
            }
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        return id.append(check == 10 ? 0 : check).toString();
    }

    /** UK National Insurance number such as {@code JT482913C}. */
    static String britishInsuranceNumber(RandomGenerator random) {
        String prefix;
        do {
            prefix = "" + NINO_PREFIX_FIRST.charAt(random.nextInt(NINO_PREFIX_FIRST.length()))
                    + NINO_PREFIX_SECOND.charAt(random.nextInt(NINO_PREFIX_SECOND.length()));
        } while (prefix.equals("GB") || prefix.equals("NK") || prefix.equals("TN") || prefix.equals("ZZ"));
        return prefix + String.format("%06d", random.nextInt(1_000_000)) + "ABCD".charAt(random.nextInt(4));
    }

    /** Swiss AHV number {@code 756.XXXX.XXXX.XC} with its EAN-13 check digit. */
    static String swissSocialSecurityNumber(RandomGenerator random) {
        StringBuilder digits = new StringBuilder("756");
        while (digits.length() < 12) {
            digits.append(random.nextInt(10));
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int digit = digits.charAt(i) - '0';
            sum += i % 2 == 0 ? digit : digit * 3;
        }
        digits.append((10 - sum % 10) % 10);
        String d = digits.toString();
        return d.substring(0, 3) + "." + d.substring(3, 7) + "." + d.substring(7, 11) + "." + d.substring(11);
    }
}
