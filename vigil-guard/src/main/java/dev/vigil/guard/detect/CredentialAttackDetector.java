package dev.vigil.guard.detect;

import dev.vigil.guard.detect.Detection.AuthFailureScope;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts authentication failures (a 401, or any 4xx on a configured login path) by source address
 * and by account within a window. A source past {@code maxPerSource} is credential stuffing; an
 * account past {@code maxPerAccount} is being brute-forced. Both stay flagged while the failures
 * remain in the window, and {@link #check} reports them when the next request arrives.
 */
public final class CredentialAttackDetector {
    private final int maxPerSource;
    private final int maxPerAccount;
    private final Duration window;
    private final Clock clock;
    private final WindowedSets bySource;
    private final WindowedSets byAccount;
    private final AtomicLong sequence = new AtomicLong();

    public CredentialAttackDetector(int maxPerSource, int maxPerAccount, Duration window, Clock clock) {
        this.maxPerSource = maxPerSource;
        this.maxPerAccount = maxPerAccount;
        this.window = window;
        this.clock = clock;
        this.bySource = new WindowedSets(window.toMillis(), 50_000, maxPerSource + 1);
        this.byAccount = new WindowedSets(window.toMillis(), 50_000, maxPerAccount + 1);
    }

    /** Records one failed attempt; {@code account} may be empty when it is not known. */
    public void recordFailure(String source, String account) {
        String event = Long.toString(sequence.incrementAndGet());
        long now = clock.millis();
        bySource.add(source, event, now);
        if (!account.isEmpty()) {
            byAccount.add(account, event, now);
        }
    }

    /** Sources, accounts and failures forgotten at the memory caps. */
    public long evictions() {
        return bySource.evictions() + byAccount.evictions();
    }

    public Optional<Detection> check(String source, String account) {
        return check(source, account, clock.millis());
    }

    /** As {@link #check(String, String)}, at {@code now} (milliseconds) read from this detector's clock. */
    public Optional<Detection> check(String source, String account, long now) {
        int s = bySource.count(source, now);
        if (s > maxPerSource) {
            return Optional.of(new Detection.CredentialAttack(AuthFailureScope.SOURCE, source, s, window));
        }
        if (!account.isEmpty()) {
            int a = byAccount.count(account, now);
            if (a > maxPerAccount) {
                return Optional.of(new Detection.CredentialAttack(
                        AuthFailureScope.ACCOUNT, Redaction.excerpt(account), a, window));
            }
        }
        return Optional.empty();
    }
}
