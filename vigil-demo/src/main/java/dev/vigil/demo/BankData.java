package dev.vigil.demo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The demo bank's in-memory state: tenants, users, accounts, transactions, cards, tickets and
 * partners. Every method is synchronized, so each call sees and leaves a consistent bank. Lists
 * come back in insertion order, which the seed makes deterministic.
 */
public final class BankData {

    private final Map<String, Tenant> tenants = new LinkedHashMap<>();
    private final Map<UUID, User> users = new LinkedHashMap<>();
    private final Map<UUID, Account> accounts = new LinkedHashMap<>();
    private final TreeMap<Long, Transaction> transactions = new TreeMap<>();
    private final Map<UUID, Card> cards = new LinkedHashMap<>();
    private final Map<String, Ticket> tickets = new LinkedHashMap<>();
    private final Map<String, Partner> partners = new LinkedHashMap<>();
    private final Random ids;
    private long nextTransactionId = 1000;

    /** An empty bank whose new ids come from {@code idSeed}; see {@link BankSeeder} for a populated one. */
    public BankData(long idSeed) {
        this.ids = new Random(idSeed);
    }

    /** A new random-looking but seed-determined UUID. */
    public synchronized UUID newId() {
        byte[] bytes = new byte[16];
        ids.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
            low = (low << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(high, low);
    }

    /** A new valid IBAN for an account opened in {@code country}. */
    public synchronized String newIban(String country) {
        return Iban.random(country, ids);
    }

    static String hashPassword(String salt, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((salt + ":" + password).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Constant-time password check. */
    public static boolean passwordMatches(User user, String password) {
        byte[] expected = user.passwordHash().getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hashPassword(user.passwordSalt(), password).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    // --- tenants and partners

    public synchronized void put(Tenant tenant) {
        tenants.put(tenant.id(), tenant);
    }

    public synchronized List<Tenant> tenants() {
        return List.copyOf(tenants.values());
    }

    public synchronized Optional<Tenant> tenant(String id) {
        return Optional.ofNullable(tenants.get(id));
    }

    public synchronized void put(Partner partner) {
        partners.put(partner.clientId(), partner);
    }

    public synchronized Optional<Partner> partnerByApiKey(String apiKey) {
        byte[] given = apiKey.getBytes(StandardCharsets.UTF_8);
        return partners.values().stream()
                .filter(p -> MessageDigest.isEqual(p.apiKey().getBytes(StandardCharsets.UTF_8), given))
                .findFirst();
    }

    public synchronized Optional<Partner> partnerByClientId(String clientId) {
        return Optional.ofNullable(partners.get(clientId));
    }

    // --- users

    public synchronized void put(User user) {
        users.put(user.id(), user);
    }

    public synchronized List<User> users() {
        return List.copyOf(users.values());
    }

    public synchronized List<User> usersOfTenant(String tenantId) {
        return users.values().stream()
                .filter(u -> u.tenantId().equals(tenantId))
                .toList();
    }

    public synchronized Optional<User> user(UUID id) {
        return Optional.ofNullable(users.get(id));
    }

    public synchronized Optional<User> userByUsername(String username) {
        return users.values().stream()
                .filter(u -> u.username().equals(username))
                .findFirst();
    }

    // --- accounts and transactions

    public synchronized void put(Account account) {
        accounts.put(account.id(), account);
    }

    public synchronized List<Account> accountsOf(UUID ownerId) {
        return accounts.values().stream()
                .filter(a -> a.ownerId().equals(ownerId))
                .toList();
    }

    public synchronized List<Account> accountsOfTenant(String tenantId) {
        return accounts.values().stream()
                .filter(a -> a.tenantId().equals(tenantId))
                .toList();
    }

    public synchronized Optional<Account> account(UUID id) {
        return Optional.ofNullable(accounts.get(id));
    }

    public synchronized Optional<Account> accountByIban(String iban) {
        return accounts.values().stream().filter(a -> a.iban().equals(iban)).findFirst();
    }

    /** Removes the account with its cards and transactions; false when there was none. */
    public synchronized boolean deleteAccount(UUID id) {
        if (accounts.remove(id) == null) {
            return false;
        }
        transactions.values().removeIf(t -> t.accountId().equals(id));
        cards.values().removeIf(c -> c.accountId().equals(id));
        return true;
    }

    /** Books a transaction with the next integer id and moves the account balance by {@code amount}. */
    public synchronized Transaction book(
            UUID accountId,
            BigDecimal amount,
            String counterpartyName,
            String counterpartyIban,
            String description,
            String category,
            Instant bookedAt) {
        Account account = accounts.get(accountId);
        if (account == null) {
            throw new IllegalArgumentException("unknown account " + accountId);
        }
        Transaction transaction = new Transaction(
                nextTransactionId++,
                accountId,
                amount,
                account.currency(),
                counterpartyName,
                counterpartyIban,
                description,
                category,
                bookedAt);
        transactions.put(transaction.id(), transaction);
        accounts.put(accountId, account.withBalance(account.balance().add(amount)));
        return transaction;
    }

    public synchronized List<Transaction> transactionsOf(UUID accountId) {
        List<Transaction> out = new ArrayList<>();
        for (Transaction t : transactions.descendingMap().values()) {
            if (t.accountId().equals(accountId)) {
                out.add(t);
            }
        }
        return out;
    }

    public synchronized Optional<Transaction> transaction(long id) {
        return Optional.ofNullable(transactions.get(id));
    }

    // --- cards and tickets

    public synchronized void put(Card card) {
        cards.put(card.id(), card);
    }

    public synchronized List<Card> cardsOf(UUID ownerId) {
        return cards.values().stream().filter(c -> c.ownerId().equals(ownerId)).toList();
    }

    public synchronized Optional<Card> card(UUID id) {
        return Optional.ofNullable(cards.get(id));
    }

    public synchronized void put(Ticket ticket) {
        tickets.put(ticket.id(), ticket);
    }

    public synchronized List<Ticket> ticketsOfTenant(String tenantId) {
        return tickets.values().stream()
                .filter(t -> t.tenantId().equals(tenantId))
                .toList();
    }

    public synchronized Optional<Ticket> ticket(String id) {
        return Optional.ofNullable(tickets.get(id));
    }
}
