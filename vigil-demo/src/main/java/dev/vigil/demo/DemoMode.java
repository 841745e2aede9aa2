package dev.vigil.demo;

/**
 * How the demo API behaves. {@link #SECURE} enforces every check; {@link #VULNERABLE} plants the
 * flaws listed on {@link AccessPolicy} (each one weakens a named decision there) so active tests
 * have a real target.
 */
public enum DemoMode {
    SECURE,
    VULNERABLE
}
