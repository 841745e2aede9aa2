package dev.vigil.demo;

/**
 * Every authorization decision of the demo API, one named method each, so the planned
 * {@link DemoMode#VULNERABLE} mode can weaken exactly one decision per planted flaw (BOLA on
 * accounts, function-level checks on admin routes, mass assignment of roles, unbounded pages)
 * while the routes stay unchanged. Today both modes decide securely.
 */
final class AccessPolicy {

    static final int MAX_PAGE_SIZE = 100;

    private final DemoMode mode;

    AccessPolicy(DemoMode mode) {
        this.mode = mode;
    }

    DemoMode mode() {
        return mode;
    }

    /** Self, or support and admins of the same tenant. */
    boolean canReadUser(Caller.Person caller, User target) {
        return caller.userId().equals(target.id()) || (isStaff(caller) && sameTenant(caller, target.tenantId()));
    }

    /** Self, or admins of the same tenant. */
    boolean canUpdateUser(Caller.Person caller, User target) {
        return caller.userId().equals(target.id()) || (caller.has(Role.ADMIN) && sameTenant(caller, target.tenantId()));
    }

    /** Only admins may change roles; for anyone else a {@code role} field in a profile update is ignored. */
    boolean mayAssignRoles(Caller.Person caller) {
        return caller.has(Role.ADMIN);
    }

    /** The owner, or support and admins of the same tenant (read only). */
    boolean canReadAccount(Caller.Person caller, Account account) {
        return caller.userId().equals(account.ownerId()) || (isStaff(caller) && sameTenant(caller, account.tenantId()));
    }

    /** Only the owner may move money out of an account. */
    boolean canDebitAccount(Caller.Person caller, Account account) {
        return caller.userId().equals(account.ownerId());
    }

    /** Only the holder reads a card with its full number. */
    boolean canReadCard(Caller.Person caller, Card card) {
        return caller.userId().equals(card.ownerId());
    }

    /** Tenant administration (user list, locks, account deletion). */
    boolean canAdminister(Caller.Person caller, String tenantId) {
        return caller.has(Role.ADMIN) && sameTenant(caller, tenantId);
    }

    /** Support tickets of the caller's own tenant. */
    boolean canReadTickets(Caller.Person caller, String tenantId) {
        return isStaff(caller) && sameTenant(caller, tenantId);
    }

    /** Partner access needs the scope granted to its client. */
    boolean partnerMay(Caller.PartnerApp partner, String scope) {
        return partner.scopes().contains(scope);
    }

    /** The largest page a list or search may return. */
    int maxPageSize() {
        return MAX_PAGE_SIZE;
    }

    private static boolean isStaff(Caller.Person caller) {
        return caller.has(Role.SUPPORT) || caller.has(Role.ADMIN);
    }

    private static boolean sameTenant(Caller caller, String tenantId) {
        return caller.tenantId().equals(tenantId);
    }
}
