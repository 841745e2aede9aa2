package dev.vigil.guard.policy;

import dev.vigil.guard.detect.RequestHead;

/**
 * The proxy's only view of analysis and enforcement. Both methods run on the I/O thread, so they
 * must be quick and must not block; they may throw, and the caller then applies the route's
 * fail-open or fail-closed choice through {@link #onAnalysisFailure}.
 */
public interface Gate {
    /** A gate that forwards everything and learns nothing. */
    Gate OPEN = new Gate() {
        @Override
        public Admission admit(RequestHead head) {
            return Admission.FORWARD;
        }

        @Override
        public void completed(RequestHead head, Outcome outcome) {}

        @Override
        public Admission onAnalysisFailure(String route) {
            return Admission.FORWARD;
        }
    };

    Admission admit(RequestHead head);

    /**
     * How many body bytes to check before forwarding: a request whose Content-Length is at most
     * this is held until its body is complete and then passed to {@link #admitBody}. 0 streams
     * every body straight through.
     */
    default int bodyInspectionLimit(RequestHead head) {
        return 0;
    }

    /** Decides on a held request once its complete body has arrived. */
    default Admission admitBody(RequestHead head, byte[] body, int length) {
        return Admission.FORWARD;
    }

    /**
     * A check for the body of a request that is not held (larger than {@link #bodyInspectionLimit},
     * or chunked) and streams upstream as it arrives; {@link StreamCheck#NONE} when nothing is
     * checked.
     */
    default StreamCheck streamCheck(RequestHead head) {
        return StreamCheck.NONE;
    }

    /** The exchange ended; the gate learns from how (auth failures, ownership, volumes, body findings). */
    void completed(RequestHead head, Outcome outcome);

    /** What to do with a request whose analysis threw. */
    Admission onAnalysisFailure(String route);
}
