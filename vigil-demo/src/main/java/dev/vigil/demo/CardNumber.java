package dev.vigil.demo;

import java.util.random.RandomGenerator;

/** Builds and checks primary account numbers (PANs) with the Luhn check digit. */
public final class CardNumber {

    private CardNumber() {}

    /** A random PAN of {@code length} digits starting with {@code prefix}, ending in its Luhn check digit. */
    public static String generate(String prefix, int length, RandomGenerator random) {
        StringBuilder pan = new StringBuilder(prefix);
        while (pan.length() < length - 1) {
            pan.append(random.nextInt(10));
        }
        for (int check = 0; check < 10; check++) {
            String candidate = pan.toString() + check;
            if (passesLuhn(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no Luhn check digit found");
    }

    /** True when every character is a digit and the Luhn sum is a multiple of ten. */
    public static boolean passesLuhn(String pan) {
        if (pan == null || pan.length() < 12 || !pan.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = pan.length() - 1; i >= 0; i--) {
            int digit = pan.charAt(i) - '0';
            if (doubleIt) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** The PAN with all but the last four digits hidden, as shown in lists. */
    public static String masked(String pan) {
        return "*".repeat(Math.max(0, pan.length() - 4)) + pan.substring(Math.max(0, pan.length() - 4));
    }
}
