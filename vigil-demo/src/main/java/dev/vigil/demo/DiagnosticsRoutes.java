package dev.vigil.demo;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;

/**
 * What a forgotten production configuration leaves on: Spring-Boot-style management endpoints and
 * TRACE echoing. Registered only when {@link AccessPolicy} allows them (vulnerable mode); the secure
 * demo answers 404 for all of it. Values in the environment view are masked: the demo shows the
 * exposure, not real secrets.
 */
final class DiagnosticsRoutes {

    private final AccessPolicy policy;

    DiagnosticsRoutes(AccessPolicy policy) {
        this.policy = policy;
    }

    void register(Javalin app) {
        if (policy.managementEndpointsExposed()) {
            app.get("/actuator", this::links);
            app.get("/actuator/env", this::env);
        }
        if (policy.traceEnabled()) {
            app.addHttpHandler(HandlerType.TRACE, "/*", this::trace);
        }
    }

    private void links(Context ctx) {
        String base = ctx.scheme() + "://" + ctx.host() + "/actuator";
        ctx.json(Map.of(
                "_links",
                Map.of(
                        "self", Map.of("href", base, "templated", false),
                        "env", Map.of("href", base + "/env", "templated", false))));
    }

    private void env(Context ctx) {
        ctx.json(Map.of(
                "activeProfiles",
                List.of("demo"),
                "propertySources",
                List.of(
                        Map.of(
                                "name",
                                "systemProperties",
                                "properties",
                                Map.of(
                                        "java.specification.version",
                                        Map.of("value", System.getProperty("java.specification.version")))),
                        Map.of(
                                "name",
                                "applicationConfig: [classpath:/application.yml]",
                                "properties",
                                Map.of(
                                        "bank.token.signing-key", Map.of("value", "******"),
                                        "bank.mode",
                                                Map.of("value", policy.mode().name()))))));
    }

    /** Echoes the request line and headers, as a server with TRACE enabled does. */
    private void trace(Context ctx) {
        StringBuilder echo = new StringBuilder();
        echo.append("TRACE ")
                .append(ctx.path())
                .append(ctx.queryString() == null ? "" : "?" + ctx.queryString())
                .append(" ")
                .append(ctx.protocol())
                .append("\r\n");
        ctx.headerMap()
                .forEach((name, value) ->
                        echo.append(name).append(": ").append(value).append("\r\n"));
        ctx.contentType("message/http").result(echo.toString());
    }
}
