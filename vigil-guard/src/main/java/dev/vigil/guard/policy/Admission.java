package dev.vigil.guard.policy;

/** Whether a request goes to its upstream, or what the client is told instead. */
public sealed interface Admission {
    Admission FORWARD = new Forward();

    /** The request passes unchanged. */
    record Forward() implements Admission {}

    /**
     * The request is answered by the guard with a problem response.
     *
     * @param status 403, 429 or 503
     * @param type stable problem type suffix, for example {@code blocked}
     * @param title short human title
     * @param retryAfterSeconds value for Retry-After, or 0 for none
     */
    record Refuse(int status, String type, String title, long retryAfterSeconds) implements Admission {}
}
