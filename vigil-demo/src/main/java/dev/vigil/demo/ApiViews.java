package dev.vigil.demo;

import java.math.BigDecimal;
import java.util.List;

/** The JSON shapes of the v2 API. Component order is the field order on the wire. */
final class ApiViews {

    private ApiViews() {}

    record ListView<T>(List<T> items, int count) {
        ListView {
            items = List.copyOf(items);
        }

        static <T> ListView<T> of(List<T> items) {
            return new ListView<>(items, items.size());
        }
    }

    record UserView(
            String id,
            String tenantId,
            String username,
            String firstName,
            String lastName,
            String email,
            String phone,
            String dateOfBirth,
            String nationalId,
            Address address,
            List<String> roles,
            boolean locked,
            String createdAt) {
        static UserView of(User u) {
            Profile p = u.profile();
            return new UserView(
                    u.id().toString(),
                    u.tenantId(),
                    u.username(),
                    p.firstName(),
                    p.lastName(),
                    p.email(),
                    p.phone(),
                    p.dateOfBirth().toString(),
                    p.nationalId(),
                    p.address(),
                    u.roles().stream().sorted().map(Role::wireName).toList(),
                    u.locked(),
                    u.createdAt().toString());
        }
    }

    record AccountView(
            String id,
            String ownerId,
            String iban,
            String bic,
            String currency,
            String type,
            String nickname,
            BigDecimal balance,
            String openedAt) {
        static AccountView of(Account a, Tenant tenant) {
            return new AccountView(
                    a.id().toString(),
                    a.ownerId().toString(),
                    a.iban(),
                    tenant.bic(),
                    a.currency(),
                    a.type(),
                    a.nickname(),
                    a.balance(),
                    a.openedAt().toString());
        }
    }

    record TransactionView(
            long id,
            String accountId,
            BigDecimal amount,
            String currency,
            String counterpartyName,
            String counterpartyIban,
            String description,
            String category,
            String bookedAt) {
        static TransactionView of(Transaction t) {
            return new TransactionView(
                    t.id(),
                    t.accountId().toString(),
                    t.amount(),
                    t.currency(),
                    t.counterpartyName(),
                    t.counterpartyIban(),
                    t.description(),
                    t.category(),
                    t.bookedAt().toString());
        }
    }

    record CardSummaryView(String id, String accountId, String brand, String maskedPan, String status) {
        static CardSummaryView of(Card c) {
            return new CardSummaryView(
                    c.id().toString(), c.accountId().toString(), c.brand(), CardNumber.masked(c.pan()), c.status());
        }
    }

    record CardView(
            String id,
            String accountId,
            String brand,
            String pan,
            int expiryMonth,
            int expiryYear,
            String holderName,
            String status) {
        static CardView of(Card c) {
            return new CardView(
                    c.id().toString(),
                    c.accountId().toString(),
                    c.brand(),
                    c.pan(),
                    c.expiry().getMonthValue(),
                    c.expiry().getYear(),
                    c.holderName(),
                    c.status());
        }
    }

    record TicketView(
            String id,
            String customerId,
            String subject,
            String body,
            String status,
            String priority,
            String openedAt) {
        static TicketView of(Ticket t) {
            return new TicketView(
                    t.id(),
                    t.customerId().toString(),
                    t.subject(),
                    t.body(),
                    t.status(),
                    t.priority(),
                    t.openedAt().toString());
        }
    }
}
