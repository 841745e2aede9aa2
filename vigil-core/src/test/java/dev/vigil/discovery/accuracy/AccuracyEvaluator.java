package dev.vigil.discovery.accuracy;

import dev.vigil.discovery.PathTemplater;
import dev.vigil.discovery.TemplatingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Measures operation-level templating accuracy: generated traffic goes through {@link PathTemplater}
 * (not seeded), every template it returned is re-keyed with {@code resolve} at the end (as the inventory
 * does), and the resulting operations ({@code METHOD template}) are compared with the ground truth
 * modulo parameter names.
 *
 * <p>An inferred operation is correct when all requests mapped to it share one ground-truth operation
 * equal to it modulo names. Precision = correct inferred / inferred; recall = ground-truth operations
 * (seen in the traffic) with a correct inferred operation / ground-truth operations seen.
 *
 * <p>Run {@code main} for the table (see docs/templating-accuracy.md).
 */
public final class AccuracyEvaluator {
    static final List<String> CORPORA = List.of("github", "stripe", "kubernetes");
    /** Written after the heuristic was frozen; reported, never tuned on. */
    static final List<String> HELD_OUT = List.of("gitlab");

    static final long SEED = 20_261_123L;

    /** Scores of one run, with the wrong operations for diagnosis. */
    record Result(
            String corpus,
            int requests,
            int truthOperations,
            int inferredOperations,
            int correct,
            int recovered,
            List<String> errors) {
        double precision() {
            return inferredOperations == 0 ? 0 : (double) correct / inferredOperations;
        }

        double recall() {
            return truthOperations == 0 ? 0 : (double) recovered / truthOperations;
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    private AccuracyEvaluator() {}

    static Result evaluate(String corpusName, int requests, long seed, TemplatingConfig config) {
        RouteCorpus corpus = RouteCorpus.load(corpusName);
        List<TrafficGenerator.Request> traffic = new TrafficGenerator(corpus, seed).generate(requests);
        PathTemplater templater = new PathTemplater(config);
        List<String> returned = new ArrayList<>(traffic.size());
        for (TrafficGenerator.Request request : traffic) {
            returned.add(templater.observe(corpus.host(), request.path()).value());
        }
        Map<String, Set<String>> truthsByInferred = new TreeMap<>();
        Map<String, String> displayByInferred = new TreeMap<>();
        Set<String> truth = new TreeSet<>();
        for (int i = 0; i < traffic.size(); i++) {
            TrafficGenerator.Request request = traffic.get(i);
            String inferred = templater.resolve(corpus.host(), returned.get(i)).value();
            String key = request.method() + " " + shape(inferred);
            String truthKey = request.method() + " " + shape(request.groundTruth());
            truth.add(truthKey);
            truthsByInferred.computeIfAbsent(key, k -> new TreeSet<>()).add(truthKey);
            displayByInferred.putIfAbsent(key, request.method() + " " + inferred);
        }
        int correct = 0;
        Set<String> recovered = new TreeSet<>();
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : truthsByInferred.entrySet()) {
            Set<String> truths = e.getValue();
            if (truths.size() == 1 && truths.contains(e.getKey())) {
                correct++;
                recovered.add(e.getKey());
            } else {
                errors.add(displayByInferred.get(e.getKey()) + "  <-  "
                        + truths.stream().limit(3).toList() + (truths.size() > 3 ? " +" + (truths.size() - 3) : ""));
            }
        }
        return new Result(
                corpusName, requests, truth.size(), truthsByInferred.size(), correct, recovered.size(), errors);
    }

    /** The template with every parameter name erased: {@code /users/{}}. */
    static String shape(String template) {
        StringBuilder out = new StringBuilder(template.length());
        boolean inParam = false;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{') {
                inParam = true;
                out.append("{}");
            } else if (c == '}') {
                inParam = false;
            } else if (!inParam) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Prints the accuracy table for the reference seed at three traffic volumes, the spread over ten
     * other seeds, and observe throughput; {@code --errors} also lists every wrong operation.
     */
    public static void main(String[] args) {
        boolean showErrors = List.of(args).contains("--errors");
        System.out.println("| corpus | requests | truth ops | inferred ops | precision | recall | F1 |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        List<String> all = new ArrayList<>(CORPORA);
        all.addAll(HELD_OUT);
        for (int requests : new int[] {2_000, 20_000, 200_000}) {
            for (String corpus : all) {
                Result r = evaluate(corpus, requests, SEED, TemplatingConfig.defaults());
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %d | %d | %d | %.3f | %.3f | %.3f |%n",
                        corpus,
                        requests,
                        r.truthOperations(),
                        r.inferredOperations(),
                        r.precision(),
                        r.recall(),
                        r.f1());
                if (showErrors) {
                    r.errors().forEach(e -> System.out.println("    " + e));
                }
            }
        }
        System.out.println();
        System.out.println("| corpus | requests | seeds | min F1 | mean F1 |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (int requests : new int[] {2_000, 20_000}) {
            for (String corpus : all) {
                double min = 1;
                double sum = 0;
                for (long seed = 1; seed <= 10; seed++) {
                    double f1 = evaluate(corpus, requests, seed, TemplatingConfig.defaults())
                            .f1();
                    min = Math.min(min, f1);
                    sum += f1;
                }
                System.out.printf(Locale.ROOT, "| %s | %d | 10 | %.3f | %.3f |%n", corpus, requests, min, sum / 10);
            }
        }
        System.out.println();
        throughput();
    }

    /** Single-thread observe rate on pre-generated traffic of all corpora (after a warm-up pass). */
    private static void throughput() {
        List<String[]> traffic = new ArrayList<>();
        for (String name : CORPORA) {
            RouteCorpus corpus = RouteCorpus.load(name);
            for (TrafficGenerator.Request r : new TrafficGenerator(corpus, SEED).generate(300_000)) {
                traffic.add(new String[] {corpus.host(), r.path()});
            }
        }
        for (int pass = 0; pass < 3; pass++) {
            PathTemplater templater = new PathTemplater(TemplatingConfig.defaults());
            long start = System.nanoTime();
            for (String[] request : traffic) {
                templater.observe(request[0], request[1]);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "observe pass %d: %d paths in %.2f s = %.0f paths/s%n",
                    pass + 1,
                    traffic.size(),
                    seconds,
                    traffic.size() / seconds);
        }
    }
}
