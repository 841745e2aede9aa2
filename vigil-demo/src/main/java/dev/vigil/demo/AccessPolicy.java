package dev.vigil.demo;

/**
 * Every authorization decision of the demo API, one named method each, so {@link DemoMode#VULNERABLE}
 * weakens exactly one decision per planted flaw while the routes stay unchanged. The planted flaws
 * (listed in docs/scan.md, found by {@code vigil scan}):
 *
 * <ol>
 *   <li>BOLA on accounts: any signed-in person reads any account ({@link #canReadAccount}).
 *   <li>BOLA on cards: any signed-in person reads any card with its number ({@link #canReadCard}).
 *   <li>Function-level authorization: any person of a tenant administers it ({@link #canAdminister}).
 *   <li>Mass assignment: anyone may set roles in a profile update ({@link #mayAssignRoles}).
 *   <li>Weak JWT secret: user tokens are signed with a secret from every wordlist ({@link
 *       #signsWithStrongSecret}).
 *   <li>Audience not checked: a user token issued for the Insights app opens the bank API ({@link
 *       #checksTokenAudience}).
 *   <li>Algorithm confusion: partner tokens are RS256, but the verifier takes the algorithm from the
 *       token and accepts HS256 keyed with the published public key ({@link #partnerAlgorithmFromToken}).
 *   <li>No login lockout: unlimited wrong passwords per account ({@link #locksOutFailedLogins}).
 *   <li>BOLA through a body field: a payment may be ordered from any account of the caller's bank,
 *       by its {@code fromAccountId} ({@link #mayOrderPaymentFrom}).
 *   <li>BOLA on a child resource: anyone lists the payment orders of any account ({@link
 *       #canListPayments}).
 *   <li>Business flow, skipped step: a payment is executed without its confirmation ({@link
 *       #mayExecuteUnconfirmedPayment}).
 *   <li>Business flow, replay: an executed payment executes again and debits twice ({@link
 *       #mayExecutePaymentAgain}).
 *   <li>Function-level authorization: support staff read the admins' audit log ({@link
 *       #canReadAuditLog}) and purge its events ({@link #canPurgeAuditLog}).
 *   <li>Property exposure by role: staff reading an account's cards get full card numbers, while the
 *       holder's own view masks them ({@link #staffSeesFullCardNumbers}).
 *   <li>Property exposure in a list: the staff user directory serializes the stored user record with
 *       its password hash and salt, which the profile read leaves out ({@link #directoryShowsStoredRecord}).
 *   <li>Unbounded page size: {@code limit} is not capped, so the rate history returns thousands of
 *       items in one answer ({@link #maxPageSize}).
 *   <li>Oversized bodies: request bodies up to 16 MiB are accepted (secure: 64 KiB), so a 1 MiB profile
 *       name is stored ({@link #maxRequestBytes}).
 *   <li>TRACE enabled: any path echoes a TRACE request ({@link #traceEnabled}).
 *   <li>Management endpoints exposed: {@code /actuator} and {@code /actuator/env} answer anyone
 *       ({@link #managementEndpointsExposed}).
 *   <li>Time-based SQL injection in the transaction search ({@link #searchConcatenatesQuery}): a
 *       <em>simulated</em> sink, since the demo keeps its data in memory; see {@link SimulatedSqlFilter}.
 *   <li>Refresh-token replay: a refresh token stays valid after use, so it mints access tokens again
 *       and again ({@link #consumesRefreshTokens}).
 *   <li>Maker-checker bypassed: a payment order above the approval threshold needs a second
 *       person's approval, but the person who ordered it may approve it ({@link #mayApproveOwnPayment}).
 *   <li>Property exposure to a lower role: support staff reading a user's profile get the user's
 *       second-factor seed ({@code mfaSeed}), which admins reading it do not ({@link
 *       #helpdeskViewShowsMfaSeed}).
 *   <li>Undocumented method: a forgotten {@code PUT /api/v2/users/{userId}} handler of the v1 profile
 *       API is still routed, while the OpenAPI document lists only GET and PATCH ({@link
 *       #legacyProfilePutRouted}).
 *   <li>Server-side request forgery: the FX quote fetches any {@code source} URL the client names
 *       ({@link #fetchesAnyRateSource}).
 *   <li>Forgotten API version: {@code /api/v1/cards} still answers, without Deprecation or Sunset
 *       ({@link #forgottenCardsV1Routed}).
 * </ol>
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
        return vulnerable() || caller.has(Role.ADMIN);
    }

    /** The owner, or support and admins of the same tenant (read only). */
    boolean canReadAccount(Caller.Person caller, Account account) {
        return vulnerable()
                || caller.userId().equals(account.ownerId())
                || (isStaff(caller) && sameTenant(caller, account.tenantId()));
    }

    /** Only the owner may move money out of an account. */
    boolean canDebitAccount(Caller.Person caller, Account account) {
        return caller.userId().equals(account.ownerId());
    }

    /** Only the account's owner may order a payment from it. */
    boolean mayOrderPaymentFrom(Caller.Person caller, Account account) {
        return caller.userId().equals(account.ownerId()) || (vulnerable() && sameTenant(caller, account.tenantId()));
    }

    /** The payment orders of an account: its owner, or support and admins of the same tenant. */
    boolean canListPayments(Caller.Person caller, Account account) {
        return vulnerable()
                || caller.userId().equals(account.ownerId())
                || (isStaff(caller) && sameTenant(caller, account.tenantId()));
    }

    /** A payment executes only once it is confirmed. */
    boolean mayExecuteUnconfirmedPayment() {
        return vulnerable();
    }

    /** A payment executes once. */
    boolean mayExecutePaymentAgain() {
        return vulnerable();
    }

    /** The tenant's audit log is for its admins. */
    boolean canReadAuditLog(Caller.Person caller) {
        return caller.has(Role.ADMIN) || (vulnerable() && isStaff(caller));
    }

    /** Only admins purge audit events. */
    boolean canPurgeAuditLog(Caller.Person caller) {
        return caller.has(Role.ADMIN) || (vulnerable() && isStaff(caller));
    }

    /** Only the holder reads a card with its full number. */
    boolean canReadCard(Caller.Person caller, Card card) {
        return vulnerable() || caller.userId().equals(card.ownerId());
    }

    /** Tenant administration (user list, locks, account deletion). */
    boolean canAdminister(Caller.Person caller, String tenantId) {
        return (vulnerable() || caller.has(Role.ADMIN)) && sameTenant(caller, tenantId);
    }

    /** Support tickets of the caller's own tenant. */
    boolean canReadTickets(Caller.Person caller, String tenantId) {
        return isStaff(caller) && sameTenant(caller, tenantId);
    }

    /** Partner access needs the scope granted to its client. */
    boolean partnerMay(Caller.PartnerApp partner, String scope) {
        return partner.scopes().contains(scope);
    }

    /** User tokens are signed with the secret derived from the seed, not a guessable one. */
    boolean signsWithStrongSecret() {
        return !vulnerable();
    }

    /** A user token must name this API in {@code aud}, not another app of the same issuer. */
    boolean checksTokenAudience() {
        return !vulnerable();
    }

    /** Whether the partner verifier lets the token's header choose the algorithm (RS256 is pinned when not). */
    boolean partnerAlgorithmFromToken() {
        return vulnerable();
    }

    /** Repeated wrong passwords lock an account for a while (429 with Retry-After). */
    boolean locksOutFailedLogins() {
        return !vulnerable();
    }

    /**
     * Whether support staff reading another user's profile get the helpdesk view with the user's
     * second-factor seed (admins get the profile view either way; secure: support does too).
     */
    boolean helpdeskViewShowsMfaSeed(Caller.Person caller) {
        return vulnerable() && caller.has(Role.SUPPORT) && !caller.has(Role.ADMIN);
    }

    /** Whether the forgotten, undocumented {@code PUT /api/v2/users/{userId}} handler is routed. */
    boolean legacyProfilePutRouted() {
        return vulnerable();
    }

    /** Whether the person who ordered a large payment may approve it themselves (secure: a second person must). */
    boolean mayApproveOwnPayment() {
        return vulnerable();
    }

    /** A refresh token is single-use: redeeming it invalidates it (vulnerable: it can be replayed). */
    boolean consumesRefreshTokens() {
        return !vulnerable();
    }

    /** The largest page a list or search may return (vulnerable: no cap). */
    int maxPageSize() {
        return vulnerable() ? Integer.MAX_VALUE : MAX_PAGE_SIZE;
    }

    /** Staff of the account's bank see its cards masked, like the holder; vulnerable: with full numbers. */
    boolean staffSeesFullCardNumbers(Caller.Person caller) {
        return vulnerable() && isStaff(caller);
    }

    /** The staff user directory lists profile views; vulnerable: the stored records with password hash and salt. */
    boolean directoryShowsStoredRecord() {
        return vulnerable();
    }

    /** The largest request body the server reads (413 beyond). */
    long maxRequestBytes() {
        return vulnerable() ? 16L * 1024 * 1024 : 64L * 1024;
    }

    /** Whether TRACE is answered by echoing the request. */
    boolean traceEnabled() {
        return vulnerable();
    }

    /** Whether the management endpoints ({@code /actuator}) are served on the public listener. */
    boolean managementEndpointsExposed() {
        return vulnerable();
    }

    /** Whether the transaction search builds its filter by concatenating the query text (simulated). */
    boolean searchConcatenatesQuery() {
        return vulnerable();
    }

    /** Whether a client-chosen rate source is fetched whatever its host (secure: the bank's provider only). */
    boolean fetchesAnyRateSource() {
        return vulnerable();
    }

    /** Whether the v1 card endpoints are still routed, unannounced (secure: retired, 404). */
    boolean forgottenCardsV1Routed() {
        return vulnerable();
    }

    /** Staff (support or admin) of the given bank. */
    boolean isStaffOf(Caller.Person caller, String tenantId) {
        return isStaff(caller) && sameTenant(caller, tenantId);
    }

    private boolean vulnerable() {
        return mode == DemoMode.VULNERABLE;
    }

    private static boolean isStaff(Caller.Person caller) {
        return caller.has(Role.SUPPORT) || caller.has(Role.ADMIN);
    }

    private static boolean sameTenant(Caller caller, String tenantId) {
        return caller.tenantId().equals(tenantId);
    }
}
