package dev.vigil.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The payment orders of the bank, in memory. Every method is synchronized. */
final class PaymentOrders {
    private final Map<UUID, PaymentOrder> orders = new LinkedHashMap<>();

    synchronized void put(PaymentOrder order) {
        orders.put(order.id(), order);
    }

    synchronized Optional<PaymentOrder> order(UUID id) {
        return Optional.ofNullable(orders.get(id));
    }

    /** Orders debiting an account, newest first. */
    synchronized List<PaymentOrder> ofAccount(UUID accountId) {
        List<PaymentOrder> out = new ArrayList<>();
        for (PaymentOrder o : orders.values()) {
            if (o.accountId().equals(accountId)) {
                out.add(o);
            }
        }
        out.sort(Comparator.comparing(PaymentOrder::createdAt).reversed());
        return out;
    }
}
