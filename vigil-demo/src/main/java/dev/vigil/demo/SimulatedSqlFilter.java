package dev.vigil.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A <em>simulated</em> SQL sink for the vulnerable demo's transaction search. The demo keeps its data
 * in memory, so there is no database to inject into; this class stands in for a search that builds
 * {@code ... WHERE description LIKE '%<q>%'} by concatenation. Text that closes the string literal
 * (a {@code '}) and then calls PostgreSQL's {@code pg_sleep(n)} makes the request wait {@code n}
 * seconds (at most 10), as the database would; without the quote the text stays inside the literal
 * and nothing happens. Nothing else of SQL is interpreted.
 */
final class SimulatedSqlFilter {
    private static final Pattern BREAKOUT_SLEEP = Pattern.compile("'.*pg_sleep\\(\\s*(\\d{1,2})\\s*\\)");
    private static final int MAX_SECONDS = 10;

    private SimulatedSqlFilter() {}

    /** Blocks the request thread as the concatenated query would; returns at once for harmless text. */
    static void evaluate(String q) {
        Matcher m = BREAKOUT_SLEEP.matcher(q);
        if (!m.find()) {
            return;
        }
        int seconds = Math.min(MAX_SECONDS, Integer.parseInt(m.group(1)));
        try {
            // the simulated database call: the request waits, as pg_sleep would make it
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
