package dev.vigil.classify;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The fixed set of validators a definitions file may name in {@code validator:}. */
final class Validators {
    private static final Map<String, Validator> BY_NAME;

    static {
        Map<String, Validator> m = new TreeMap<>();
        m.put("aadhaar", NationalIdValidators::aadhaar);
        m.put("aba_routing", FinancialValidators::abaRouting);
        m.put("account_number", FinancialValidators::accountNumber);
        m.put("aws_secret", CredentialValidators::awsSecret);
        m.put("bic", FinancialValidators::bic);
        m.put("card", FinancialValidators::card);
        m.put("coordinate", PersonalValidators::coordinate);
        m.put("cpf", NationalIdValidators::cpf);
        m.put("crypto_wallet", FinancialValidators::cryptoWallet);
        m.put("cvv", FinancialValidators::cvv);
        m.put("date", PersonalValidators::date);
        m.put("driver_licence", NationalIdValidators::driverLicence);
        m.put("email", PersonalValidators::email);
        m.put("iban", FinancialValidators::iban);
        m.put("icd10", HealthValidators::icd10);
        m.put("ip", PersonalValidators::ip);
        m.put("jwt", CredentialValidators::jwt);
        m.put("mbi", HealthValidators::mbi);
        m.put("nino", NationalIdValidators::nino);
        m.put("npi", HealthValidators::npi);
        m.put("passport", NationalIdValidators::passport);
        m.put("person_name", PersonalValidators::personName);
        m.put("phone", PersonalValidators::phone);
        m.put("postal_code", PersonalValidators::postalCode);
        m.put("present", PersonalValidators::present);
        m.put("record_id", NationalIdValidators::recordId);
        m.put("secret", CredentialValidators::secret);
        m.put("sin", NationalIdValidators::sin);
        m.put("ssn", NationalIdValidators::ssn);
        m.put("street_address", PersonalValidators::streetAddress);
        m.put("text", PersonalValidators::text);
        m.put("token", CredentialValidators::token);
        m.put("url_credentials", CredentialValidators::urlCredentials);
        BY_NAME = Map.copyOf(m);
    }

    private Validators() {}

    static Optional<Validator> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    static Set<String> names() {
        return new TreeSet<>(BY_NAME.keySet());
    }
}
