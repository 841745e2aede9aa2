package dev.vigil.guard.policy;

import dev.vigil.guard.detect.Detection;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Judges one request body as it streams upstream, for bodies too large to hold. The proxy calls
 * {@link #chunk} with each piece before forwarding it and {@link #end} after the last; a {@link
 * Admission.Refuse} stops the request there, so the upstream never receives all of it. Calls come
 * from the connection's I/O thread, one body at a time; an implementation keeps bounded state.
 */
public interface StreamCheck {
    /** Checks nothing. */
    StreamCheck NONE = new StreamCheck() {
        @Override
        public Admission chunk(byte[] bytes, int offset, int length) {
            return Admission.FORWARD;
        }

        @Override
        public Admission end() {
            return Admission.FORWARD;
        }
    };

    /** The next {@code length} bytes of the body, from {@code offset}; the array is reused afterwards. */
    Admission chunk(byte[] bytes, int offset, int length);

    /** The body is complete. */
    Admission end();

    /** Both checks; the first refusal wins. */
    static StreamCheck both(StreamCheck a, StreamCheck b) {
        if (a == NONE) {
            return b;
        }
        if (b == NONE) {
            return a;
        }
        return new StreamCheck() {
            @Override
            public Admission chunk(byte[] bytes, int offset, int length) {
                Admission first = a.chunk(bytes, offset, length);
                return first instanceof Admission.Refuse ? first : b.chunk(bytes, offset, length);
            }

            @Override
            public Admission end() {
                Admission first = a.end();
                return first instanceof Admission.Refuse ? first : b.end();
            }
        };
    }

    /** A detector's chunk step: a detection, or null while it has none. */
    @FunctionalInterface
    interface Feed {
        Detection feed(byte[] bytes, int offset, int length);
    }

    /**
     * Feeds the body's first {@code limit} bytes to a streaming detector ({@code feed}, then
     * {@code end} when the body is complete); a detection becomes the admission {@code verdict}
     * gives it. A body longer than the limit passes the rest unchecked, and is not judged at its end.
     */
    static StreamCheck limited(long limit, Feed feed, Supplier<Detection> end, Function<Detection, Admission> verdict) {
        return new StreamCheck() {
            private long seen;

            @Override
            public Admission chunk(byte[] bytes, int offset, int length) {
                if (seen >= limit) {
                    return Admission.FORWARD;
                }
                int n = (int) Math.min(length, limit - seen);
                seen += length;
                return judge(feed.feed(bytes, offset, n));
            }

            @Override
            public Admission end() {
                return seen > limit ? Admission.FORWARD : judge(end.get());
            }

            private Admission judge(Detection d) {
                return d == null ? Admission.FORWARD : verdict.apply(d);
            }
        };
    }
}
