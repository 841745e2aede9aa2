package dev.vigil.discovery.accuracy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Concrete requests drawn from a {@link RouteCorpus} by weight, with their ground-truth templates. */
final class TrafficGenerator {

    /** One generated request. */
    record Request(String method, String path, String groundTruth) {}

    private final RouteCorpus corpus;
    private final ValueFactory values;
    private final Random random;
    private final double[] cumulative;

    TrafficGenerator(RouteCorpus corpus, long seed) {
        this.corpus = corpus;
        this.values = new ValueFactory(seed);
        this.random = new Random(seed);
        this.cumulative = new double[corpus.routes().size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += corpus.routes().get(i).weight();
            cumulative[i] = sum;
        }
    }

    List<Request> generate(int count) {
        List<Request> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    Request next() {
        RouteCorpus.Route route = pickRoute();
        StringBuilder path = new StringBuilder();
        String previous = "";
        for (String segment : route.segments()) {
            String kind = RouteCorpus.Route.kindOf(segment);
            if (kind == null) {
                path.append('/').append(segment);
            } else {
                previous = values.value(kind, previous, random);
                path.append('/').append(previous);
            }
        }
        if (random.nextInt(10) == 0) {
            path.append(random.nextBoolean() ? "?page=" + (1 + random.nextInt(9)) : "?per_page=100");
        }
        return new Request(route.method(), path.toString(), route.template());
    }

    private RouteCorpus.Route pickRoute() {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return corpus.routes().get(i);
            }
        }
        return corpus.routes().get(cumulative.length - 1);
    }
}
