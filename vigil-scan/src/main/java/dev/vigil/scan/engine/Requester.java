package dev.vigil.scan.engine;

import dev.vigil.scan.http.Attempt;
import dev.vigil.scan.http.HttpCall;
import dev.vigil.scan.http.HttpResult;
import dev.vigil.scan.http.Transport;
import dev.vigil.scan.identity.CredentialManager;
import dev.vigil.scan.identity.Credentials;
import dev.vigil.scan.identity.Identity;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The only way the engine reaches the target. Every request passes the scope allowlist, the
 * destructive-method rule (including method-override headers), the budget and the pacer; refused
 * requests are never sent and yield {@link Optional#empty()}. Counts requests per purpose, per
 * operation and per unit: the engine opens an {@link Attribution} around each unit (and around the
 * learning requests of each operation) on the thread that sends them.
 */
public final class Requester {
    private static final String[] OVERRIDE_HEADERS = {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"};

    private final Transport transport;
    private final CredentialManager credentials;
    private final ScanPolicy policy;
    private final Pacer pacer;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final Map<String, AtomicInteger> byPurpose = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byOperation = new ConcurrentHashMap<>();
    private final CreatedObjects created = new CreatedObjects();
    private final ScanProgress progress;
    // the unit or operation the current thread is working for; each unit runs on its own virtual thread
    private final ThreadLocal<Attribution> current = new ThreadLocal<>();

    public Requester(Transport transport, CredentialManager credentials, ScanPolicy policy, Pacer pacer) {
        this(transport, credentials, policy, pacer, ScanProgress.NONE);
    }

    public Requester(
            Transport transport, CredentialManager credentials, ScanPolicy policy, Pacer pacer, ScanProgress progress) {
        this.transport = transport;
        this.credentials = credentials;
        this.policy = policy;
        this.pacer = pacer;
        this.progress = progress;
    }

    /**
     * Attributes the requests this thread sends until {@link Attribution#close()} to an operation
     * (its key, e.g. {@code GET /accounts/{id}}) and counts them; the previous attribution is restored
     * on close, so scopes nest.
     */
    public Attribution attribute(String operation) {
        Attribution a = new Attribution(operation, current.get());
        current.set(a);
        return a;
    }

    /** Requests sent for one operation (or unit) on one thread; closing restores the enclosing scope. */
    public final class Attribution implements AutoCloseable {
        private final String operation;
        private final Attribution previous;
        private int requests;

        private Attribution(String operation, Attribution previous) {
            this.operation = operation;
            this.previous = previous;
        }

        /** Requests sent inside this scope (nested scopes included). */
        public int requests() {
            return requests;
        }

        @Override
        public void close() {
            if (previous == null) {
                current.remove();
            } else {
                previous.requests += requests;
                current.set(previous);
            }
        }
    }

    /** Sends as the identity (credentials applied, refreshed on 401). */
    public Optional<Attempt> send(Identity identity, HttpCall call, String purpose) throws InterruptedException {
        if (!allowed(call)) {
            return Optional.empty();
        }
        charge(purpose, true);
        return Optional.of(exchange(identity, call));
    }

    /** Like {@link #send} but not limited by the budget (still counted): for cleaning up what the scan created. */
    Optional<Attempt> sendOutsideBudget(Identity identity, HttpCall call, String purpose) throws InterruptedException {
        if (!allowed(call)) {
            return Optional.empty();
        }
        charge(purpose, false);
        return Optional.of(exchange(identity, call));
    }

    private Attempt exchange(Identity identity, HttpCall call) throws InterruptedException {
        Credentials creds = credentials.credentials(identity);
        HttpCall applied = creds.applyTo(call);
        HttpResult result = transport.send(applied, creds.clientTls());
        if (result.status() == 401 && CredentialManager.refreshable(identity)) {
            Credentials fresh = credentials.refresh(identity, creds);
            applied = fresh.applyTo(call);
            result = transport.send(applied, fresh.clientTls());
        }
        Attempt attempt = new Attempt(identity.name(), applied, result);
        created.record(attempt);
        return attempt;
    }

    /** Objects created by requests sent so far. */
    CreatedObjects created() {
        return created;
    }

    /** Sends with explicitly given (possibly tampered) credentials, never refreshing them. */
    public Optional<Attempt> sendWith(String label, Credentials creds, HttpCall call, String purpose)
            throws InterruptedException {
        HttpCall applied = creds.applyTo(call);
        if (!allowed(applied)) {
            return Optional.empty();
        }
        charge(purpose, true);
        Attempt attempt = new Attempt(label, applied, transport.send(applied, creds.clientTls()));
        created.record(attempt);
        return Optional.of(attempt);
    }

    /** The credential manager, for tests that run logins themselves (lockout probing). */
    CredentialManager credentialManager() {
        return credentials;
    }

    /**
     * Counts requests sent outside this requester (logins run by the credential manager), under a
     * purpose; they are bounded by their test, so not limited by the budget.
     */
    void count(String purpose, int requests) {
        sent.addAndGet(requests);
        byPurpose.computeIfAbsent(purpose, k -> new AtomicInteger()).addAndGet(requests);
    }

    public Credentials credentials(Identity identity) throws InterruptedException {
        return credentials.credentials(identity);
    }

    /** Whether the call's host (host or host:port) is in the policy's allowlist. */
    public static boolean inScope(HttpCall call, ScanPolicy policy) {
        String bare = call.url().getHost() == null ? "" : call.url().getHost().toLowerCase(Locale.ROOT);
        String withPort = call.url().getPort() > 0 ? bare + ":" + call.url().getPort() : bare;
        return policy.allowedHosts().contains(withPort) || policy.allowedHosts().contains(bare);
    }

    public boolean allowed(HttpCall call) {
        if (!inScope(call, policy)) {
            refused.incrementAndGet();
            return false;
        }
        if (!policy.allowDestructive() && destructive(call)) {
            refused.incrementAndGet();
            return false;
        }
        return true;
    }

    public static boolean destructive(HttpCall call) {
        if (ScanPolicy.destructive(call.method())) {
            return true;
        }
        for (String h : OVERRIDE_HEADERS) {
            Optional<String> v = call.header(h);
            if (v.isPresent() && ScanPolicy.destructive(v.get().trim().toUpperCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private void charge(String purpose, boolean budgeted) throws InterruptedException {
        if (sent.incrementAndGet() > policy.maxRequests() && budgeted) {
            sent.decrementAndGet();
            throw new BudgetExhaustedException(policy.maxRequests());
        }
        byPurpose.computeIfAbsent(purpose, k -> new AtomicInteger()).incrementAndGet();
        Attribution scope = current.get();
        if (scope != null) {
            scope.requests++;
            byOperation
                    .computeIfAbsent(scope.operation, k -> new AtomicInteger())
                    .incrementAndGet();
        }
        progress.requestSent(purpose);
        pacer.acquire();
    }

    public int sent() {
        return sent.get();
    }

    public long refused() {
        return refused.get();
    }

    /**
     * Requests sent per operation key, sorted: the units' requests and the learning requests of
     * each operation; requests sent outside any attribution (logins, cleanup) are not in it.
     */
    public Map<String, Integer> sentByOperation() {
        Map<String, Integer> out = new TreeMap<>();
        byOperation.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** Requests sent per purpose (phase or test id), sorted by purpose. */
    public Map<String, Integer> sentByPurpose() {
        Map<String, Integer> out = new TreeMap<>();
        byPurpose.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
