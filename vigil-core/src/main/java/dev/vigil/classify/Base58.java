package dev.vigil.classify;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Base58Check decoding, enough to verify a Bitcoin legacy or P2SH address checksum. */
final class Base58 {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58() {}

    static boolean isBitcoinAddress(String value) {
        BigInteger n = BigInteger.ZERO;
        int leadingOnes = 0;
        boolean leading = true;
        for (int i = 0; i < value.length(); i++) {
            int digit = ALPHABET.indexOf(value.charAt(i));
            if (digit < 0) {
                return false;
            }
            if (leading && digit == 0) {
                leadingOnes++;
            } else {
                leading = false;
            }
            n = n.multiply(BASE).add(BigInteger.valueOf(digit));
        }
        byte[] raw = n.toByteArray();
        int strip = raw.length > 1 && raw[0] == 0 ? 1 : 0;
        byte[] body = Arrays.copyOfRange(raw, strip, raw.length);
        byte[] decoded = new byte[leadingOnes + body.length];
        System.arraycopy(body, 0, decoded, leadingOnes, body.length);
        if (decoded.length != 25 || (decoded[0] != 0x00 && decoded[0] != 0x05)) {
            return false;
        }
        byte[] hash = sha256(sha256(Arrays.copyOfRange(decoded, 0, 21)));
        return Arrays.equals(Arrays.copyOfRange(hash, 0, 4), Arrays.copyOfRange(decoded, 21, 25));
    }

    private static byte[] sha256(byte[] in) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(in);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
