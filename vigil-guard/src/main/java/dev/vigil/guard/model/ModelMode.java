package dev.vigil.guard.model;

/** Whether an endpoint's model is still being learned (record only) or is enforced (violations detected). */
public enum ModelMode {
    LEARN,
    ENFORCE
}
