package dev.vigil.guard;

import dev.vigil.guard.detect.RequestHead;
import dev.vigil.guard.policy.Admission;
import dev.vigil.guard.policy.Gate;
import dev.vigil.guard.policy.StreamCheck;
import io.netty.buffer.ByteBuf;

/**
 * Runs the gate's {@link StreamCheck} on a streamed request body, one Netty chunk at a time, before
 * the chunk is forwarded. A check that throws counts as an analysis error and the route's {@code
 * onError} decides; after that the body is no longer inspected.
 */
final class BodyInspector {
    private final Gate gate;
    private final RequestHead head;
    private final GuardMetrics metrics;
    private final StreamCheck check;
    private byte[] scratch;
    private boolean failed;

    private BodyInspector(Gate gate, RequestHead head, GuardMetrics metrics, StreamCheck check) {
        this.gate = gate;
        this.head = head;
        this.metrics = metrics;
        this.check = check;
    }

    /** An inspector for the body of {@code head}, or null when the gate checks nothing while it streams. */
    static BodyInspector of(Gate gate, RequestHead head, GuardMetrics metrics) {
        StreamCheck check;
        try {
            check = gate.streamCheck(head);
        } catch (RuntimeException e) {
            metrics.analysisError();
            return gate.onAnalysisFailure(head.route()) instanceof Admission.Refuse
                    ? new BodyInspector(gate, head, metrics, failing())
                    : null;
        }
        return check == StreamCheck.NONE ? null : new BodyInspector(gate, head, metrics, check);
    }

    /** Checks the next chunk (not consumed: its reader index is unchanged); {@code last} ends the body. */
    Admission inspect(ByteBuf content, boolean last) {
        if (failed) {
            return Admission.FORWARD;
        }
        try {
            int n = content.readableBytes();
            Admission a = Admission.FORWARD;
            if (n > 0) {
                if (content.hasArray()) {
                    a = check.chunk(content.array(), content.arrayOffset() + content.readerIndex(), n);
                } else {
                    if (scratch == null || scratch.length < n) {
                        scratch = new byte[Math.max(n, 8192)];
                    }
                    content.getBytes(content.readerIndex(), scratch, 0, n);
                    a = check.chunk(scratch, 0, n);
                }
            }
            return a instanceof Admission.Forward && last ? check.end() : a;
        } catch (RuntimeException e) {
            failed = true;
            metrics.analysisError();
            return gate.onAnalysisFailure(head.route());
        }
    }

    private static StreamCheck failing() {
        return new StreamCheck() {
            @Override
            public Admission chunk(byte[] bytes, int offset, int length) {
                throw new IllegalStateException("stream check unavailable");
            }

            @Override
            public Admission end() {
                throw new IllegalStateException("stream check unavailable");
            }
        };
    }
}
