package dev.vigil.discovery;

import java.util.Locale;

/** Where a parameter travels, as OpenAPI names it. */
public enum ParameterLocation {
    PATH,
    QUERY,
    HEADER,
    COOKIE;

    public String openApiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
