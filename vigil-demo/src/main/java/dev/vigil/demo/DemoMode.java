package dev.vigil.demo;

/**
 * How the demo API behaves. {@link #SECURE} enforces every check; {@link #VULNERABLE} is reserved
 * for planted flaws (each one weakens a named decision in {@link AccessPolicy}) so active tests
 * have a real target. Until the flaws land, both modes behave securely.
 */
public enum DemoMode {
    SECURE,
    VULNERABLE
}
