package dev.vigil.classify;

import java.util.List;

/**
 * Sample values for every built-in type: positives the classifier must flag and safe twins it must
 * not. Credential-shaped samples are assembled from pieces so that secret scanners do not mistake
 * this file for a leak.
 */
final class Samples {
    private Samples() {}

    record Sample(String typeId, String key, String value) {
        @Override
        public String toString() {
            return typeId + " [" + key + "] " + (value.length() > 40 ? value.substring(0, 40) + "…" : value);
        }
    }

    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
            + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    static final String AWS_KEY_ID = "AKIA" + "IOSFODNN7EXAMPLE";
    static final String AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYEXAMPLEKEY";
    static final String GCP_KEY = "AIza" + "SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q";
    static final String GITHUB_TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
    static final String GITHUB_PAT =
            "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUV";
    static final String SLACK_TOKEN = "xox" + "b-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx";
    static final String STRIPE_KEY = "sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc";
    static final String SENDGRID_KEY =
            "SG." + "abcdefghijklmnopqrstuv" + "." + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq";
    static final String PEM = "-----BEGIN RSA "
            + "PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq1x9Zk3n\nq2w4e5r6t7y8u9i0\n-----END RSA " + "PRIVATE KEY-----";

    static final List<Sample> POSITIVES = List.of(
            new Sample("email", "", "alice.smith@example.com"),
            new Sample("email", "contactEmail", "bob@example.org"),
            new Sample("phone_number", "", "+1 650-253-0000"),
            new Sample("phone_number", "mobile", "(650) 253-0000"),
            new Sample("us_ssn", "", "536-22-1234"),
            new Sample("us_ssn", "ssn", "536221234"),
            new Sample("uk_nino", "", "AB 12 34 56 C"),
            new Sample("ca_sin", "sin", "130 692 544"),
            new Sample("in_aadhaar", "aadhaarNumber", "491873251069"),
            new Sample("in_aadhaar", "", "4918 7325 1069"),
            new Sample("br_cpf", "", "529.982.247-25"),
            new Sample("br_cpf", "cpf", "52998224725"),
            new Sample("passport_number", "passportNumber", "X1234567"),
            new Sample("drivers_licence", "driverLicense", "D1234-5678-9012"),
            new Sample("date_of_birth", "dob", "1990-04-12"),
            new Sample("date_of_birth", "dateOfBirth", "12/04/1990"),
            new Sample("person_name", "firstName", "Alice"),
            new Sample("person_name", "last_name", "O'Brien-Smith"),
            new Sample("street_address", "street", "221B Baker Street"),
            new Sample("street_address", "billingAddress", "1 Infinite Loop, Cupertino"),
            new Sample("postal_code", "zip", "94103"),
            new Sample("postal_code", "postcode", "SW1A 1AA"),
            new Sample("geolocation", "latitude", "51.5074"),
            new Sample("ip_address", "", "192.168.10.24"),
            new Sample("ip_address", "clientIp", "2001:db8::8a2e:370:7334"),
            new Sample("mac_address", "", "00:1B:44:11:3A:B7"),
            new Sample("mac_address", "bssid", "00-1b-44-11-3a-b7"),
            new Sample("credit_card", "", "4111 1111 1111 1111"),
            new Sample("credit_card", "", "5555555555554444"),
            new Sample("credit_card", "", "378282246310005"),
            new Sample("credit_card", "cardNumber", "4567890123456783"),
            new Sample("iban", "", "GB82 WEST 1234 5698 7654 32"),
            new Sample("iban", "", "DE89370400440532013000"),
            new Sample("bank_account_number", "accountNumber", "12345678"),
            new Sample("aba_routing_number", "routingNumber", "021000021"),
            new Sample("swift_bic", "swift", "DEUTDEFF"),
            new Sample("swift_bic", "bic", "DEUTDEFF500"),
            new Sample("card_cvv", "cvv", "123"),
            new Sample("card_cvv", "cvc2", "4321"),
            new Sample("crypto_wallet", "", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"),
            new Sample("crypto_wallet", "", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"),
            new Sample("crypto_wallet", "walletAddress", "0x52908400098527886E0F7030069857D2E4169EE7"),
            new Sample("us_tax_id", "ein", "12-3456789"),
            new Sample("us_npi", "npi", "1234567893"),
            new Sample("icd10_code", "diagnosisCode", "E11.9"),
            new Sample("icd10_code", "icd10", "U07.1"),
            new Sample("medical_record_number", "mrn", "MRN-004512"),
            new Sample("health_insurance_id", "memberId", "XYZ123456789"),
            new Sample("us_mbi", "", "1EG4-TE5-MK73"),
            new Sample("medical_condition", "medication", "Metformin 500mg twice daily"),
            new Sample("jwt", "", JWT),
            new Sample("aws_access_key_id", "", AWS_KEY_ID),
            new Sample("aws_secret_access_key", "aws_secret_access_key", AWS_SECRET),
            new Sample("gcp_api_key", "", GCP_KEY),
            new Sample("github_token", "", GITHUB_TOKEN),
            new Sample("github_token", "", GITHUB_PAT),
            new Sample("slack_token", "", SLACK_TOKEN),
            new Sample("stripe_secret_key", "", STRIPE_KEY),
            new Sample("sendgrid_api_key", "", SENDGRID_KEY),
            new Sample("private_key", "", PEM),
            new Sample("url_credentials", "", "postgres://admin:s3cr3t@db.internal:5432/app"),
            new Sample("password", "password", "hunter2"),
            new Sample("password", "newPassword", "correct horse battery"),
            new Sample("api_key", "api_key", "3f1c2a9e-5b7d-4c3e-9f0a-1b2c3d4e5f60"),
            new Sample("api_key", "client_secret", "9b2e6f0c1d4a7e3b8c5d2f1a0e9b8c7d"),
            new Sample("access_token", "refresh_token", "def50200a1b2c3d4e5f6"),
            new Sample("access_token", "authorization", "Bearer abcdef0123456789"),
            new Sample("session_id", "JSESSIONID", "8F3E2A1B9C7D6E5F"),
            new Sample("session_id", "sessionId", "s%3Aabc123def456"));

    /** Safe twins: each must not be classified as its type. */
    static final List<Sample> TWINS = List.of(
            new Sample("email", "", "not-an-email@"),
            new Sample("email", "email", "user@localhost"),
            new Sample("email", "emailVerified", "true"),
            new Sample("phone_number", "createdAt", "1700000000"),
            new Sample("phone_number", "", "1700000000123"),
            new Sample("phone_number", "", "(650) 253-0000"),
            new Sample("phone_number", "phone", "+1 000-000-0000"),
            new Sample("us_ssn", "", "666-12-3456"),
            new Sample("us_ssn", "", "123-45-6789"),
            new Sample("us_ssn", "ssn", "536-00-1234"),
            new Sample("us_ssn", "", "536221234"),
            new Sample("uk_nino", "", "BG123456C"),
            new Sample("uk_nino", "", "DA123456C"),
            new Sample("ca_sin", "sin", "130 692 545"),
            new Sample("ca_sin", "sin", "046 454 286"),
            new Sample("ca_sin", "", "130692544"),
            new Sample("in_aadhaar", "", "491873251069"),
            new Sample("in_aadhaar", "aadhaar", "491873251068"),
            new Sample("br_cpf", "", "529.982.247-26"),
            new Sample("br_cpf", "cpf", "111.111.111-11"),
            new Sample("passport_number", "passport", "pending"),
            new Sample("passport_number", "code", "X1234567"),
            new Sample("drivers_licence", "driverLicense", "yes"),
            new Sample("drivers_licence", "sku", "D1234-5678-9012"),
            new Sample("date_of_birth", "createdAt", "1990-04-12"),
            new Sample("date_of_birth", "dob", "1850-13-01"),
            new Sample("person_name", "productName", "Alice"),
            new Sample("person_name", "firstName", "A1"),
            new Sample("street_address", "ipAddress", "fe80::1ff:fe23:4567:890a"),
            new Sample("street_address", "emailAddress", "bob@example.org"),
            new Sample("street_address", "address", "0x52908400098527886E0F7030069857D2E4169EE7"),
            new Sample("postal_code", "zip", "open"),
            new Sample("postal_code", "", "94103"),
            new Sample("geolocation", "latitude", "500.12"),
            new Sample("geolocation", "price", "51.50"),
            new Sample("ip_address", "version", "10.2.3.4"),
            new Sample("ip_address", "", "1.2.3"),
            new Sample("ip_address", "", "1.2.3.4"),
            new Sample("ip_address", "", "999.1.1.1"),
            new Sample("mac_address", "", "00:1B:44-11:3A:B7"),
            new Sample("mac_address", "time", "12:30:45:10:20:3G"),
            new Sample("credit_card", "", "4111111111111112"),
            new Sample("credit_card", "orderId", "4000056655665556"),
            new Sample("credit_card", "id", "4012888888881881"),
            new Sample("credit_card", "", "4567890123456783"),
            new Sample("credit_card", "", "1234567890123452"),
            new Sample("credit_card", "", "9000000000000009"),
            new Sample("credit_card", "cardNumber", "4111111111111112"),
            new Sample("iban", "", "GB82 WEST 1234 5698 7654 33"),
            new Sample("iban", "", "DE8937040044053201300"),
            new Sample("bank_account_number", "accountNumber", "abc"),
            new Sample("bank_account_number", "", "12345678"),
            new Sample("aba_routing_number", "routingNumber", "021000022"),
            new Sample("aba_routing_number", "", "021000021"),
            new Sample("swift_bic", "swift", "DEUTXXFF"),
            new Sample("swift_bic", "status", "APPROVED"),
            new Sample("card_cvv", "cvv", "12a"),
            new Sample("card_cvv", "count", "123"),
            new Sample("crypto_wallet", "", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3"),
            new Sample("crypto_wallet", "", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdr"),
            new Sample("crypto_wallet", "txHash", "0x52908400098527886E0F7030069857D2E4169EE7"),
            new Sample("us_tax_id", "ein", "12-34567"),
            new Sample("us_tax_id", "", "12-3456789"),
            new Sample("us_npi", "npi", "1234567890"),
            new Sample("us_npi", "", "1234567893"),
            new Sample("icd10_code", "diagnosisCode", "hello"),
            new Sample("icd10_code", "", "E11.9"),
            new Sample("medical_record_number", "mrn", "unknown"),
            new Sample("medical_record_number", "recordCount", "MRN-004512"),
            new Sample("health_insurance_id", "memberId", "gold"),
            new Sample("health_insurance_id", "", "XYZ123456789"),
            new Sample("us_mbi", "", "1SG4-TE5-MK73"),
            new Sample("us_mbi", "", "1EG4-TE5-MK7S"),
            new Sample("medical_condition", "medication", "true"),
            new Sample("medical_condition", "status", "Metformin 500mg twice daily"),
            new Sample("jwt", "", "eyJub3QiOiJhIGp3dCJ9.eyJ4IjoxfQ.c2lnbmF0dXJl"),
            new Sample("jwt", "token", "eyJhbGciOiJIUzI1NiJ9"),
            new Sample("aws_access_key_id", "", "AKIA1OSFODNN7EXAMPLE"),
            new Sample("aws_access_key_id", "", "AKIAIOSFODNN7EXAMPL"),
            new Sample("aws_secret_access_key", "commitSha", AWS_SECRET),
            new Sample("aws_secret_access_key", "", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            new Sample("gcp_api_key", "", GCP_KEY.substring(0, 38)),
            new Sample("github_token", "", "ghx_" + GITHUB_TOKEN.substring(4)),
            new Sample("github_token", "", "ghp_short"),
            new Sample("slack_token", "", "xoxz-1234567890-abc"),
            new Sample("stripe_secret_key", "", "pk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc"),
            new Sample("stripe_secret_key", "", "sk_live_short"),
            new Sample("sendgrid_api_key", "", "SG.short.short"),
            new Sample(
                    "private_key",
                    "",
                    "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOC\n-----END PUBLIC KEY-----"),
            new Sample(
                    "private_key",
                    "",
                    "-----BEGIN CERTIFICATE-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOC\n-----END CERTIFICATE-----"),
            new Sample("url_credentials", "", "https://user@example.com/path"),
            new Sample("url_credentials", "", "https://example.com/a:b@c"),
            new Sample("password", "password_policy", "Must be at least 8 characters with one digit"),
            new Sample("password", "password", "Must be at least 8 characters with one digit"),
            new Sample("password", "password", "********"),
            new Sample("password", "passwordChangedAt", "2024-01-02T03:04:05Z"),
            new Sample("password", "hasPassword", "true"),
            new Sample("password", "", "hunter2"),
            new Sample("api_key", "requestId", "3f1c2a9e-5b7d-4c3e-9f0a-1b2c3d4e5f60"),
            new Sample("api_key", "", "9b2e6f0c1d4a7e3b8c5d2f1a0e9b8c7d"),
            new Sample("api_key", "api_key_id", "key_0123456789"),
            new Sample("access_token", "token_type", "Bearer"),
            new Sample("access_token", "max_tokens", "40960000"),
            new Sample("access_token", "tokenizer", "bert-base-uncased"),
            new Sample("access_token", "nextPageToken", "CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA0"),
            new Sample("access_token", "auth_method", "password"),
            new Sample("password", "boarding_pass", "ABC123456"),
            new Sample("session_id", "sessionTimeout", "PT30M10S"),
            new Sample("session_id", "session", "12345678"));
}
