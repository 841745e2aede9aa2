package dev.vigil.guard.policy;

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
}
