package dev.vigil.demo;

import java.util.List;
import java.util.Objects;

/**
 * A request the demo API refuses, rendered as RFC 9457 {@code application/problem+json}. Each kind
 * of refusal has a stable {@code type}; {@code violations} lists every invalid input at once.
 * Details never carry credentials or other sensitive input.
 */
public final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    static final String TYPE_BASE = "https://vigil.dev/demo/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final List<String> violations;

    public ProblemException(int status, String type, String title, String detail, List<String> violations) {
        super(Objects.requireNonNull(detail, "detail"));
        this.status = status;
        this.type = TYPE_BASE + Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
        this.violations = List.copyOf(violations);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Authentication required", detail, List.of());
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Not allowed", detail, List.of());
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Resource not found", detail, List.of());
    }

    public static ProblemException invalid(List<String> violations) {
        return new ProblemException(
                400, "invalid-request", "Invalid request", "The request has invalid input.", violations);
    }

    public static ProblemException unprocessable(String type, String title, String detail) {
        return new ProblemException(422, type, title, detail, List.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<String> violations() {
        return violations;
    }
}
