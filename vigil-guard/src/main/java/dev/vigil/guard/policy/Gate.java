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
        public void completed(RequestHead head, int status, byte[] body, int bodyLength) {}

        @Override
        public Admission onAnalysisFailure(String route) {
            return Admission.FORWARD;
        }
    };

    Admission admit(RequestHead head);

    /** The exchange ended with {@code status}; {@code body} holds the first bytes of the request body. */
    void completed(RequestHead head, int status, byte[] body, int bodyLength);

    /** What to do with a request whose analysis threw. */
    Admission onAnalysisFailure(String route);
}
