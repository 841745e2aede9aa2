package dev.vigil.classify;

/** The family a sensitive data type belongs to; drives risk ranking and compliance mapping. */
public enum Category {
    PII,
    FINANCIAL,
    HEALTH,
    CREDENTIALS
}
