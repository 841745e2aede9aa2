package dev.vigil.classify;

import java.util.Locale;

/** Bech32/Bech32m checksum (BIP-173, BIP-350) for Bitcoin SegWit addresses ({@code bc1…}). */
final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    private Bech32() {}

    static boolean isSegwitAddress(String value) {
        if (value.length() < 14 || value.length() > 90) {
            return false;
        }
        boolean lower = value.equals(value.toLowerCase(Locale.ROOT));
        boolean upper = value.equals(value.toUpperCase(Locale.ROOT));
        if (!lower && !upper) {
            return false;
        }
        String s = value.toLowerCase(Locale.ROOT);
        int sep = s.lastIndexOf('1');
        if (sep != 2 || s.length() - sep - 1 < 6) {
            return false;
        }
        String hrp = s.substring(0, sep);
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk) ^ (hrp.charAt(i) >> 5);
        }
        chk = step(chk);
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk) ^ (hrp.charAt(i) & 31);
        }
        for (int i = sep + 1; i < s.length(); i++) {
            int v = CHARSET.indexOf(s.charAt(i));
            if (v < 0) {
                return false;
            }
            chk = step(chk) ^ v;
        }
        return chk == 1 || chk == 0x2bc830a3;
    }

    private static int step(int chk) {
        int top = chk >>> 25;
        int next = (chk & 0x1ffffff) << 5;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                next ^= GEN[i];
            }
        }
        return next;
    }
}
