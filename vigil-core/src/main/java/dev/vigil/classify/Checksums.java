package dev.vigil.classify;

/** Check-digit algorithms used by identifier validators. Inputs are ASCII digit strings. */
final class Checksums {
    private Checksums() {}

    static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    private static final int[][] VERHOEFF_D = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
        {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
        {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
        {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
        {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
        {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
        {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
        {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
        {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
        {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}
    };
    private static final int[][] VERHOEFF_P = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
        {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
        {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
        {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
        {9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
        {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
        {2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
        {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}
    };

    static boolean verhoeff(CharSequence digits) {
        int c = 0;
        int n = digits.length();
        for (int i = 0; i < n; i++) {
            int d = digits.charAt(n - 1 - i) - '0';
            c = VERHOEFF_D[c][VERHOEFF_P[i % 8][d]];
        }
        return c == 0;
    }

    /** ISO 7064 mod 97-10 over an IBAN already rearranged or not: pass the IBAN as written. */
    static boolean ibanMod97(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char ch = rearranged.charAt(i);
            if (ch >= '0' && ch <= '9') {
                remainder = (remainder * 10 + (ch - '0')) % 97;
            } else if (ch >= 'A' && ch <= 'Z') {
                int v = ch - 'A' + 10;
                remainder = (remainder * 100 + v) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }

    /** ABA routing number: 3-7-1 weighted sum divisible by 10. */
    static boolean aba(CharSequence d) {
        if (d.length() != 9) {
            return false;
        }
        int sum = 0;
        int[] w = {3, 7, 1};
        for (int i = 0; i < 9; i++) {
            sum += (d.charAt(i) - '0') * w[i % 3];
        }
        return sum % 10 == 0;
    }

    /** Brazil CPF: two mod-11 check digits; all-equal digit strings are invalid by rule. */
    static boolean cpf(CharSequence d) {
        if (d.length() != 11 || allSame(d)) {
            return false;
        }
        return cpfDigit(d, 9) == d.charAt(9) - '0' && cpfDigit(d, 10) == d.charAt(10) - '0';
    }

    private static int cpfDigit(CharSequence d, int len) {
        int sum = 0;
        for (int i = 0; i < len; i++) {
            sum += (d.charAt(i) - '0') * (len + 1 - i);
        }
        int r = (sum * 10) % 11;
        return r == 10 ? 0 : r;
    }

    static boolean allSame(CharSequence d) {
        for (int i = 1; i < d.length(); i++) {
            if (d.charAt(i) != d.charAt(0)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when the digits hold a run of at least {@code run} consecutive ascending or descending
     * digits (wrapping 9 to 0), the signature of made-up or counter-generated numbers.
     */
    static boolean hasSequentialRun(CharSequence d, int run) {
        int up = 1;
        int down = 1;
        for (int i = 1; i < d.length(); i++) {
            int prev = d.charAt(i - 1) - '0';
            int cur = d.charAt(i) - '0';
            up = cur == (prev + 1) % 10 ? up + 1 : 1;
            down = cur == (prev + 9) % 10 ? down + 1 : 1;
            if (up >= run || down >= run) {
                return true;
            }
        }
        return false;
    }

    /** The digits of {@code value} if it is only digits and the given separators, else null. */
    static String digitsOnly(String value, String separators) {
        if (isDigits(value)) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch >= '0' && ch <= '9') {
                sb.append(ch);
            } else if (separators.indexOf(ch) < 0) {
                return null;
            }
        }
        return sb.toString();
    }

    static boolean isDigits(CharSequence s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }
}
