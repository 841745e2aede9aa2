package dev.vigil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BankSeederTest {

    static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void sameSeedGivesTheSameBankAndAnotherSeedADifferentOne() {
        BankData a = BankSeeder.seed(11L, NOW);
        BankData b = BankSeeder.seed(11L, NOW);
        BankData c = BankSeeder.seed(12L, NOW);

        assertThat(b.users()).isEqualTo(a.users());
        assertThat(b.accountsOfTenant("harbor")).isEqualTo(a.accountsOfTenant("harbor"));
        assertThat(c.users()).isNotEqualTo(a.users());
    }

    @Test
    void seedsThreeTenantsAndEveryPublishedLoginWithItsRole() {
        BankData bank = BankSeeder.seed(DemoConfig.DEFAULT_SEED, NOW);

        assertThat(bank.tenants()).extracting(Tenant::id).containsExactly("northwind", "harbor", "alpine");
        for (DemoCredentials.Login login : DemoCredentials.LOGINS) {
            User user = bank.userByUsername(login.username()).orElseThrow();
            assertThat(user.tenantId()).isEqualTo(login.tenantId());
            assertThat(user.has(login.role())).isTrue();
            assertThat(BankData.passwordMatches(user, DemoCredentials.PASSWORD)).isTrue();
            assertThat(BankData.passwordMatches(user, DemoCredentials.PASSWORD + "x"))
                    .isFalse();
        }
        assertThat(bank.partnerByApiKey(DemoCredentials.PARTNER_API_KEY)).isPresent();
        assertThat(bank.partnerByApiKey("pk_demo_wrong")).isEmpty();
    }

    @Test
    void seededCardsPassLuhnAndIbansPassMod97() {
        BankData bank = BankSeeder.seed(5L, NOW);
        List<User> users = bank.users();

        assertThat(users).hasSizeGreaterThan(20);
        for (User user : users) {
            bank.accountsOf(user.id())
                    .forEach(
                            a -> assertThat(Iban.isValid(a.iban())).as(a.iban()).isTrue());
            bank.cardsOf(user.id()).forEach(c -> assertThat(CardNumber.passesLuhn(c.pan()))
                    .as(c.pan())
                    .isTrue());
            assertThat(user.profile().phone()).matches("\\+[1-9][0-9]{9,13}");
        }
    }

    @Test
    void ibanCheckAcceptsRealIbansAndRejectsOneWithADigitChanged() {
        assertThat(Iban.isValid("DE89370400440532013000")).isTrue();
        assertThat(Iban.isValid("GB29 NWBK 6016 1331 9268 19")).isTrue();
        assertThat(Iban.isValid("DE89370400440532013001")).isFalse();
        assertThat(Iban.isValid("not an iban")).isFalse();
        assertThat(Iban.isValid(Iban.of("CH", "00762011623852957"))).isTrue();
    }

    @Test
    void luhnAcceptsATestCardNumberAndRejectsItsNeighbour() {
        assertThat(CardNumber.passesLuhn("4111111111111111")).isTrue();
        assertThat(CardNumber.passesLuhn("4111111111111112")).isFalse();
        assertThat(CardNumber.passesLuhn(CardNumber.generate("51", 16, new Random(3))))
                .isTrue();
        assertThat(CardNumber.masked("4111111111111111")).isEqualTo("************1111");
    }

    @Test
    void nationalIdsFollowTheirCountryFormats() {
        Random random = new Random(9);
        assertThat(NationalIds.generate("DE", random)).matches("[1-9][0-9]{10}");
        assertThat(NationalIds.generate("GB", random)).matches("[A-Z]{2}[0-9]{6}[A-D]");
        String ahv = NationalIds.generate("CH", random);
        assertThat(ahv).matches("756\\.[0-9]{4}\\.[0-9]{4}\\.[0-9]{2}");
        String digits = ahv.replace(".", "");
        int sum = 0;
        for (int i = 0; i < 13; i++) {
            sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        assertThat(sum % 10).isZero();
    }
}
