package dev.vigil.discovery;

/** Who can reach an endpoint, from addresses, headers and configuration. */
public enum Exposure {
    /** Reached from the internet by anyone. */
    PUBLIC,
    /** Reached by partners: API-key or mTLS callers, partner paths or hosts. */
    PARTNER,
    /** Reached only from private addresses or internal hosts. */
    INTERNAL,
    /** An outbound call from the observed services to a host they do not own. */
    THIRD_PARTY
}
