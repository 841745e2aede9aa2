package dev.vigil.scan.engine;

import dev.vigil.scan.ScanException;

/** The request budget is spent; the engine stops sending and reports what it has (the result says so). */
public final class BudgetExhaustedException extends ScanException {
    public BudgetExhaustedException(int budget) {
        super("request budget of " + budget + " exhausted");
    }
}
