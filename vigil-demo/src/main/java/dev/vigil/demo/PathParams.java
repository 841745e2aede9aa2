package dev.vigil.demo;

import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;

/** Typed path parameters; a malformed one is a 400 problem naming the parameter, never a 500. */
final class PathParams {

    private PathParams() {}

    static UUID uuid(Context ctx, String name) {
        try {
            return UUID.fromString(ctx.pathParam(name));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(List.of(name + ": must be a UUID"));
        }
    }

    static long integer(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(List.of(name + ": must be an integer"));
        }
    }

    /** A bounded {@code limit} query parameter: default when absent, 400 when outside 1..max. */
    static int limit(Context ctx, int defaultLimit, int max) {
        String raw = ctx.queryParam("limit");
        if (raw == null || raw.isBlank()) {
            return defaultLimit;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the same violation as an out-of-range value
        }
        throw ProblemException.invalid(List.of("limit: must be an integer between 1 and " + max));
    }
}
