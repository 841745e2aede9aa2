package dev.vigil.cli;

import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.PathTemplater;
import dev.vigil.openapi.ApiSpec;
import dev.vigil.openapi.DiffConfig;
import dev.vigil.openapi.DiffReport;
import dev.vigil.openapi.SpecDiff;
import dev.vigil.openapi.SpecImporter;
import dev.vigil.openapi.SpecOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Documented specs: reading them, seeding templates from them, and diffing the inventory against them. */
final class SpecFiles {
    private SpecFiles() {}

    static List<ApiSpec> read(List<Path> files) {
        SpecImporter importer = new SpecImporter();
        List<ApiSpec> specs = new ArrayList<>();
        for (Path file : files) {
            specs.add(importer.read(file));
        }
        return specs;
    }

    /** Documented templates take priority over learned ones, on any host. */
    static void seed(PathTemplater templater, List<ApiSpec> specs) {
        for (ApiSpec spec : specs) {
            for (SpecOperation op : spec.operations()) {
                templater.seed("*", op.pathTemplate());
            }
        }
    }

    /** Diffs and writes {@code diff.txt} and {@code diff.json} under {@code out}. */
    static DiffReport diff(List<Endpoint> endpoints, List<ApiSpec> specs, Path out) {
        DiffReport report = new SpecDiff(DiffConfig.defaults(), Clock.systemUTC()).diff(endpoints, specs);
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("diff.txt"), report.toText(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("diff.json"), report.toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the diff report under " + out, e);
        }
        return report;
    }
}
