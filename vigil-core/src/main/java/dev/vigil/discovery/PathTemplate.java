package dev.vigil.discovery;

import java.util.List;
import java.util.Objects;

/**
 * The operation template a concrete path belongs to, for example {@code /users/{userId}/orders/{orderId}}.
 *
 * @param value the template; parameters appear as {@code {name}} in path order
 * @param parameters one per {@code {name}} segment, in path order
 * @param confidence in [0, 1]; how sure the templater is that this is the operation's true shape (see
 *     {@link PathTemplater} for the formula)
 */
public record PathTemplate(String value, List<PathParameter> parameters, double confidence) {
    public PathTemplate {
        Objects.requireNonNull(value, "value");
        parameters = List.copyOf(parameters);
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1]");
        }
    }
}
