package dev.vigil.guard.policy;

/**
 * How a proxied exchange ended, as the {@link Gate} learns it.
 *
 * @param status the upstream's status code
 * @param requestBody the first bytes of the request body, or null when not captured
 * @param requestBodyLength how many bytes of {@code requestBody} are valid
 * @param bodyChecked whether {@link Gate#admitBody} already saw the body
 * @param responseBytes response body bytes sent to the client
 */
public record Outcome(int status, byte[] requestBody, int requestBodyLength, boolean bodyChecked, long responseBytes) {}
