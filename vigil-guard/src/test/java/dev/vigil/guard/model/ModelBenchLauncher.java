package dev.vigil.guard.model;

import dev.vigil.classify.Classifier;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.guard.detect.RequestHead;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Rough cost of the inline model check ({@link ModelDetectors#inspectRequest}) per request, for
 * docs/guard-model.md: an inventory of 2,000 operations (500 resources × 4 shapes), requests that
 * match, requests with a bad parameter, unknown paths, and ids with a known owner. Not a test: run
 * with {@code java -cp <test classpath> dev.vigil.guard.model.ModelBenchLauncher}.
 */
public final class ModelBenchLauncher {
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private ModelBenchLauncher() {}

    public static void main(String[] args) {
        List<Endpoint> inventory = new ArrayList<>();
        for (int r = 0; r < 500; r++) {
            String res = "/v1/res" + r;
            inventory.add(Traffic.endpoint(
                    "GET",
                    res,
                    1000,
                    List.of(
                            Traffic.param("page", ParameterLocation.QUERY, "{\"type\":\"integer\"}", 1000),
                            Traffic.param("q", ParameterLocation.QUERY, "{\"type\":\"string\"}", 1000))));
            inventory.add(Traffic.endpoint("POST", res, 1000, List.of()));
            inventory.add(Traffic.endpoint(
                    "GET",
                    res + "/{id}",
                    1000,
                    List.of(Traffic.param("id", ParameterLocation.PATH, "{\"type\":\"integer\"}", 1000))));
            inventory.add(Traffic.endpoint(
                    "GET",
                    res + "/{id}/items/{itemId}",
                    1000,
                    List.of(
                            Traffic.param("id", ParameterLocation.PATH, "{\"type\":\"integer\"}", 1000),
                            Traffic.param(
                                    "itemId",
                                    ParameterLocation.PATH,
                                    "{\"type\":\"string\",\"format\":\"uuid\"}",
                                    1000))));
        }
        ModelDetectors model =
                ModelDetectors.of(inventory, List.of(), ModelConfig.DEFAULTS, Classifier.builtIn(), Clock.systemUTC());
        for (int i = 0; i < 1000; i++) {
            model.ownership().created("api.test", "/v1/res" + (i % 500), Integer.toString(i), "alice");
        }
        String auth = Traffic.basic("bob");
        RequestHead[] heads = new RequestHead[1024];
        for (int i = 0; i < heads.length; i++) {
            int r = i % 500;
            heads[i] = switch (i % 4) {
                case 0 -> Traffic.head("GET", "/v1/res" + r + "?page=" + i + "&q=shoes", "Authorization", auth);
                case 1 ->
                    Traffic.head(
                            "GET",
                            "/v1/res" + r + "/" + (1000 + i) + "/items/3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                            "Authorization",
                            auth);
                case 2 -> Traffic.head("GET", "/v1/nowhere/" + i, "Authorization", auth);
                default -> Traffic.head("GET", "/v1/res" + r + "/" + (i % 1000), "Authorization", auth);
            };
        }
        String[] kinds = {
            "known operation, query checked",
            "nested operation, two path parameters",
            "unknown path",
            "id owned by another principal (BOLA)"
        };
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            for (int kind = 0; kind < 4; kind++) {
                int n = 1_000_000;
                // CPU time of this thread: the machine is shared, wall time would measure the neighbours.
                long start = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    sink += model.inspectRequest(heads[((i & 255) << 2) | kind]).size();
                }
                long nanos = THREADS.getCurrentThreadCpuTime() - start;
                System.out.printf("round %d %-40s %6.0f CPU ns per request%n", round, kinds[kind], (double) nanos / n);
            }
        }
        System.out.println("detections " + sink);
    }
}
