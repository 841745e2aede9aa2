/**
 * Sensitive-data classification and redaction.
 *
 * <p>{@link dev.vigil.classify.Classifier} recognises data types (PII, financial, health,
 * credentials) in one scalar from its key name and Java validators (Luhn with issuer ranges, IBAN
 * mod 97, libphonenumber, SSN rules, national-id check digits, JWT decoding, vendor key formats);
 * types are defined in YAML (built-ins plus a user's file). {@link dev.vigil.classify.FieldEvidence}
 * turns per-sample matches into per-field verdicts, {@link dev.vigil.classify.Suppressions} holds
 * users' false-positive decisions and {@link dev.vigil.classify.Redactor} removes sensitive values
 * from headers and bodies. The definitions format and confidence model are in {@code
 * docs/data-types.md}.
 */
package dev.vigil.classify;
