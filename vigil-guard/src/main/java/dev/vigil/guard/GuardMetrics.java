package dev.vigil.guard;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters the guard keeps while it runs. Cheap to update from I/O threads; read them for
 * monitoring. {@link #analysisShed()} counts exchanges whose analysis was skipped because the
 * capture queue was full; their traffic was still proxied normally.
 */
public final class GuardMetrics {
    private final LongAdder requests = new LongAdder();
    private final LongAdder badRequests = new LongAdder();
    private final LongAdder upstreamFailures = new LongAdder();
    private final LongAdder upstreamTimeouts = new LongAdder();
    private final LongAdder upstreamRetries = new LongAdder();
    private final LongAdder captured = new LongAdder();
    private final LongAdder analysisShed = new LongAdder();
    private final LongAdder analysisErrors = new LongAdder();
    private final LongAdder sinkFailures = new LongAdder();

    public long requests() {
        return requests.sum();
    }

    public long badRequests() {
        return badRequests.sum();
    }

    public long upstreamFailures() {
        return upstreamFailures.sum();
    }

    public long upstreamTimeouts() {
        return upstreamTimeouts.sum();
    }

    /** Body-less requests sent again because a pooled upstream connection turned out to be closed. */
    public long upstreamRetries() {
        return upstreamRetries.sum();
    }

    /** Exchanges handed to the sink. */
    public long captured() {
        return captured.sum();
    }

    public long analysisShed() {
        return analysisShed.sum();
    }

    /** Requests whose inline analysis threw; the route's fail-open/closed choice applied. */
    public long analysisErrors() {
        return analysisErrors.sum();
    }

    /** Exchanges the sink threw on. */
    public long sinkFailures() {
        return sinkFailures.sum();
    }

    void request() {
        requests.increment();
    }

    void badRequest() {
        badRequests.increment();
    }

    void upstreamFailure() {
        upstreamFailures.increment();
    }

    void upstreamTimeout() {
        upstreamTimeouts.increment();
    }

    void upstreamRetry() {
        upstreamRetries.increment();
    }

    void delivered() {
        captured.increment();
    }

    void shed() {
        analysisShed.increment();
    }

    void analysisError() {
        analysisErrors.increment();
    }

    void sinkFailure() {
        sinkFailures.increment();
    }

    @Override
    public String toString() {
        return "GuardMetrics[requests=" + requests() + ", badRequests=" + badRequests() + ", upstreamFailures="
                + upstreamFailures() + ", upstreamTimeouts=" + upstreamTimeouts() + ", upstreamRetries="
                + upstreamRetries() + ", captured=" + captured()
                + ", analysisShed=" + analysisShed() + ", analysisErrors=" + analysisErrors() + ", sinkFailures="
                + sinkFailures() + "]";
    }
}
