package dev.vigil.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Fills a {@link BankData} with three tenants, the {@link DemoCredentials} logins, filler customers,
 * accounts with months of transactions, cards, support tickets and a partner. The same seed and
 * anchor day always give the same bank.
 */
public final class BankSeeder {

    private static final List<String> FIRST_NAMES = List.of(
            "Emma", "Liam", "Mia", "Noah", "Sofia", "Lukas", "Hannah", "Jonas", "Lea", "Felix", "Olivia", "Oscar",
            "Amelia", "George", "Isla", "Arthur", "Lina", "Matteo", "Nora", "Elias", "Zoe", "Finn", "Clara", "Leon");
    private static final List<String> LAST_NAMES = List.of(
            "Schneider",
            "Fischer",
            "Weber",
            "Becker",
            "Hoffmann",
            "Smith",
            "Taylor",
            "Brown",
            "Wilson",
            "Evans",
            "Müller",
            "Keller",
            "Meier",
            "Huber",
            "Brunner",
            "Walker",
            "Wright",
            "Koch",
            "Richter",
            "Baumann");
    private static final List<String> STREETS = List.of(
            "Lindenstraße",
            "Hauptstraße",
            "Bahnhofstrasse",
            "High Street",
            "Station Road",
            "Church Lane",
            "Gartenweg",
            "Seestrasse",
            "Mill Road",
            "Schillerstraße");
    private static final List<String> EMAIL_DOMAINS = List.of("example.com", "example.org", "mail.example");
    private static final List<String[]> MERCHANTS = List.of(
            new String[] {"Rewe Markt", "groceries"},
            new String[] {"Tesco Stores", "groceries"},
            new String[] {"Deutsche Bahn", "travel"},
            new String[] {"Swiss International Air Lines", "travel"},
            new String[] {"Stadtwerke Energie", "utilities"},
            new String[] {"Spotify", "subscriptions"},
            new String[] {"Vodafone", "utilities"},
            new String[] {"Cafe Central", "dining"},
            new String[] {"Landlord Property Services", "rent"},
            new String[] {"Acme Payroll", "salary"});
    private static final List<String> TICKET_SUBJECTS = List.of(
            "Card declined abroad",
            "Cannot reset password",
            "Dispute transaction from merchant",
            "Update registered address",
            "Transfer stuck in pending",
            "Request new card PIN");

    private final Random random;
    private final Instant anchor;
    private final BankData bank;
    private final Set<String> usernames = new HashSet<>();
    private int ticketNumber = 1040;

    private BankSeeder(long seed, Instant now) {
        this.random = new Random(seed);
        this.anchor = now.truncatedTo(ChronoUnit.DAYS);
        this.bank = new BankData(seed ^ 0x5DEECE66DL);
    }

    /** A fully seeded bank; {@code now} anchors opening dates and bookings in the recent past. */
    public static BankData seed(long seed, Instant now) {
        BankSeeder seeder = new BankSeeder(seed, now);
        seeder.populate();
        return seeder.bank;
    }

    private void populate() {
        Tenant northwind = new Tenant("northwind", "Northwind Bank", "NWBKDEFFXXX", "DE", "EUR");
        Tenant harbor = new Tenant("harbor", "Harbor Savings", "HRBSGB2LXXX", "GB", "GBP");
        Tenant alpine = new Tenant("alpine", "Alpine Kantonalbank", "ALPKCHZZXXX", "CH", "CHF");
        List.of(northwind, harbor, alpine).forEach(bank::put);
        for (DemoCredentials.Login login : DemoCredentials.LOGINS) {
            Tenant tenant = bank.tenant(login.tenantId()).orElseThrow();
            String first =
                    capitalize(login.username().substring(0, login.username().indexOf('.')));
            User user = user(tenant, login.username(), first, pick(LAST_NAMES), login.role());
            if (login.role() == Role.CUSTOMER) {
                openAccounts(tenant, user);
            }
        }
        for (Tenant tenant : List.of(northwind, harbor, alpine)) {
            for (int i = 0; i < 5; i++) {
                String first = pick(FIRST_NAMES);
                String last = pick(LAST_NAMES);
                openAccounts(tenant, user(tenant, uniqueUsername(first, last), first, last, Role.CUSTOMER));
            }
        }
        user(alpine, "alma.admin", "Alma", pick(LAST_NAMES), Role.ADMIN);
        for (Tenant tenant : List.of(northwind, harbor)) {
            List<User> customers = bank.usersOfTenant(tenant.id()).stream()
                    .filter(u -> u.has(Role.CUSTOMER))
                    .toList();
            for (int i = 0; i < 3; i++) {
                openTicket(tenant, customers.get(random.nextInt(customers.size())));
            }
        }
        bank.put(new Partner(
                DemoCredentials.PARTNER_CLIENT_ID,
                DemoCredentials.PARTNER_CLIENT_SECRET,
                DemoCredentials.PARTNER_API_KEY,
                DemoCredentials.PARTNER_NAME,
                northwind.id(),
                Set.of("rates:read", "payments:write")));
        // last, so that every earlier random draw (and with it the rest of the bank) stays as it was
        user(northwind, DemoCredentials.LOCKOUT_PROBE, "Lou", pick(LAST_NAMES), Role.CUSTOMER);
    }

    private User user(Tenant tenant, String username, String first, String last, Role role) {
        usernames.add(username);
        String salt = HexFormat.of().formatHex(bytes(16));
        Set<Role> roles = role == Role.ADMIN ? EnumSet.of(Role.ADMIN, Role.SUPPORT) : EnumSet.of(role);
        String country = tenant.country();
        Address address = new Address(
                pick(STREETS) + " " + (1 + random.nextInt(120)), postalCode(country), city(country), country);
        Profile profile = new Profile(
                first,
                last,
                ascii(first + "." + last).toLowerCase(Locale.ROOT) + random.nextInt(100) + "@" + pick(EMAIL_DOMAINS),
                phone(country),
                LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28)),
                NationalIds.generate(country, random),
                address);
        User user = new User(
                bank.newId(),
                tenant.id(),
                username,
                salt,
                BankData.hashPassword(salt, DemoCredentials.PASSWORD),
                roles,
                profile,
                false,
                anchor.minus(Duration.ofDays(400 + random.nextInt(2000))));
        bank.put(user);
        return user;
    }

    private void openAccounts(Tenant tenant, User owner) {
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            String type = i == 0 ? "checking" : "savings";
            Account account = new Account(
                    bank.newId(),
                    tenant.id(),
                    owner.id(),
                    iban(tenant.country()),
                    tenant.currency(),
                    type,
                    i == 0 ? "Everyday" : "Rainy day",
                    money(500, 20_000),
                    owner.createdAt().plus(Duration.ofDays(1 + random.nextInt(30))));
            bank.put(account);
            int bookings = 6 + random.nextInt(8);
            for (int b = 0; b < bookings; b++) {
                String[] merchant = pick(MERCHANTS);
                boolean credit = merchant[1].equals("salary");
                BigDecimal amount = credit ? money(1_800, 4_500) : money(3, 180).negate();
                Instant bookedAt =
                        anchor.minus(Duration.ofDays(90 - b * 6L)).plus(Duration.ofMinutes(random.nextInt(1_440)));
                bank.book(
                        account.id(),
                        amount,
                        merchant[0],
                        iban(pick(List.of("DE", "GB", "CH"))),
                        merchant[0] + " " + bookedAt.atOffset(ZoneOffset.UTC).toLocalDate(),
                        merchant[1],
                        bookedAt);
            }
            if (i == 0) {
                boolean visa = random.nextBoolean();
                bank.put(new Card(
                        bank.newId(),
                        account.id(),
                        owner.id(),
                        CardNumber.generate(visa ? "4" : "5" + (1 + random.nextInt(5)), 16, random),
                        visa ? "VISA" : "MASTERCARD",
                        YearMonth.from(anchor.atOffset(ZoneOffset.UTC)).plusMonths(6 + random.nextInt(48)),
                        owner.profile().fullName().toUpperCase(Locale.ROOT),
                        "active"));
            }
        }
    }

    private void openTicket(Tenant tenant, User customer) {
        String subject = pick(TICKET_SUBJECTS);
        String slug = subject.toLowerCase(Locale.ROOT).replace(' ', '-') + "-" + ticketNumber++;
        bank.put(new Ticket(
                slug,
                tenant.id(),
                customer.id(),
                subject,
                "Customer " + customer.profile().fullName() + " ("
                        + customer.profile().email() + ", " + customer.profile().phone() + ") wrote: "
                        + subject.toLowerCase(Locale.ROOT) + ".",
                random.nextBoolean() ? "open" : "pending",
                pick(List.of("low", "normal", "high")),
                anchor.minus(Duration.ofHours(1 + random.nextInt(300)))));
    }

    private String iban(String country) {
        return Iban.random(country, random);
    }

    private String phone(String country) {
        return switch (country) {
            case "DE" -> "+49" + pick(List.of("151", "160", "170", "176")) + digits(8);
            case "GB" -> "+447" + (4 + random.nextInt(6)) + digits(8);
            case "CH" -> "+417" + (5 + random.nextInt(5)) + digits(7);
            default -> throw new IllegalArgumentException("no phone format for country " + country);
        };
    }

    private String postalCode(String country) {
        return switch (country) {
            case "DE" -> String.format("%05d", 10_000 + random.nextInt(89_999));
            case "GB" ->
                pick(List.of("SW1A", "EC2V", "M1", "B3", "LS1")) + " " + random.nextInt(10)
                        + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
            case "CH" -> String.valueOf(1_000 + random.nextInt(8_999));
            default -> "00000";
        };
    }

    private String city(String country) {
        return switch (country) {
            case "DE" -> pick(List.of("Berlin", "Hamburg", "München", "Köln", "Leipzig"));
            case "GB" -> pick(List.of("London", "Manchester", "Leeds", "Bristol"));
            case "CH" -> pick(List.of("Zürich", "Bern", "Basel", "Luzern"));
            default -> "Springfield";
        };
    }

    private String uniqueUsername(String first, String last) {
        String base = ascii(first + "." + last).toLowerCase(Locale.ROOT);
        String candidate = base;
        for (int n = 2; usernames.contains(candidate); n++) {
            candidate = base + n;
        }
        return candidate;
    }

    private BigDecimal money(int min, int max) {
        return BigDecimal.valueOf(min * 100L + random.nextInt((max - min) * 100))
                .movePointLeft(2)
                .setScale(2, RoundingMode.UNNECESSARY);
    }

    private String digits(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(random.nextInt(10));
        }
        return out.toString();
    }

    private byte[] bytes(int count) {
        byte[] out = new byte[count];
        random.nextBytes(out);
        return out;
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String capitalize(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String ascii(String s) {
        return s.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss");
    }
}
