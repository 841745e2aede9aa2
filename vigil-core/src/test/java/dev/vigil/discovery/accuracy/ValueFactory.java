package dev.vigil.discovery.accuracy;

import static dev.vigil.discovery.accuracy.Vocabulary.BASE62;
import static dev.vigil.discovery.accuracy.Vocabulary.HEX;
import static dev.vigil.discovery.accuracy.Vocabulary.K8S;
import static dev.vigil.discovery.accuracy.Vocabulary.chars;
import static dev.vigil.discovery.accuracy.Vocabulary.pick;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Realistic parameter values by kind. Entities are consistent: an owner has a handful of repositories, a
 * namespace runs its own set of apps; popular entities are requested far more often than the tail.
 */
final class ValueFactory {
    private final long seed;
    private final Map<String, List<String>> pools = new HashMap<>();
    private final Map<Integer, Zipf> zipfs = new HashMap<>();

    ValueFactory(long seed) {
        this.seed = seed;
    }

    /** A value of {@code kind}; {@code owner} is the previous parameter's value (the owning entity). */
    String value(String kind, String owner, Random random) {
        return switch (kind) {
            case "login" -> popular("login", 1500, 1.05, Vocabulary::login, random);
            case "org" -> popular("org", 150, 1.0, ValueFactory::orgName, random);
            case "repo" -> owned("repo", owner, 1, 12, ValueFactory::repoName, random);
            case "team" -> owned("team", owner, 2, 9, r -> pick(TEAMS, r), random);
            case "issue" -> Integer.toString(1 + (int) (4000 * Math.pow(random.nextDouble(), 3)));
            case "smallint" -> Integer.toString(1 + random.nextInt(40));
            case "int7" -> Integer.toString(1_000_000 + random.nextInt(90_000_000));
            case "bigid" -> Long.toString(100_000_000L + (long) (random.nextDouble() * 2_900_000_000L));
            case "sha" -> chars(random, HEX, 40);
            case "gist" -> chars(random, HEX, 32);
            case "branch" -> branch(random);
            case "tag" -> tag(random);
            case "filepath" -> pick(FILES, random);
            case "label" -> pick(LABELS, random);
            case "workflow" ->
                random.nextInt(3) == 0
                        ? Integer.toString(1_000_000 + random.nextInt(9_000_000))
                        : pick(
                                List.of("ci.yml", "release.yml", "codeql.yml", "deploy.yaml", "test.yml", "lint.yml"),
                                random);
            case "envname" ->
                random.nextBoolean()
                        ? pick(List.of("production", "staging", "development", "preview", "qa", "sandbox"), random)
                        : "pr-" + (1 + random.nextInt(3000));
            case "basehead" -> basehead(random);
            case "glgroup" ->
                random.nextInt(10) < 6
                        ? Integer.toString(10 + random.nextInt(5000))
                        : popular("org", 150, 1.0, ValueFactory::orgName, random);
            case "glproject" ->
                random.nextInt(10) < 7
                        ? Integer.toString(1000 + (int) (90000 * Math.pow(random.nextDouble(), 2)))
                        : projectPath(random);
            case "encpath" ->
                pick(List.of("src", "lib", "app", "docs", "config", "cmd", "internal"), random) + "%2F"
                        + pick(FILES, random);
            case "cus", "si" -> kind + "_" + chars(random, BASE62, 14);
            case "acct" -> "acct_" + chars(random, BASE62, 16);
            case "cs" -> (random.nextInt(4) == 0 ? "cs_test_" : "cs_live_") + chars(random, BASE62, 58);
            case "product" -> random.nextInt(5) < 3 ? "prod_" + chars(random, BASE62, 14) : merchantSlug(random);
            case "plan" -> random.nextBoolean() ? "plan_" + chars(random, BASE62, 14) : merchantSlug(random);
            case "coupon" -> popular("coupon", 120, 0.8, ValueFactory::couponCode, random);
            case "ch",
                    "pi",
                    "pm",
                    "seti",
                    "in",
                    "sub",
                    "price",
                    "promo",
                    "re",
                    "txn",
                    "evt",
                    "dp",
                    "po",
                    "tr",
                    "ba",
                    "card",
                    "txi",
                    "file",
                    "qt",
                    "we",
                    "txr" -> kind + "_" + chars(random, BASE62, 24);
            case "namespace" -> popular("namespace", NAMESPACES.size(), 1.1, null, random);
            case "app" -> owned("app", owner, 2, 14, r -> pick(APPS, r), random);
            case "pod" -> pod(owner, random);
            case "replicaset" -> owned("app", owner, 2, 14, r -> pick(APPS, r), random) + "-" + chars(random, K8S, 10);
            case "configmap" -> configMap(owner, random);
            case "secret" -> secret(owner, random);
            case "serviceaccount" ->
                random.nextInt(3) == 0 ? "default" : owned("app", owner, 2, 14, r -> pick(APPS, r), random);
            case "pvc" -> "data-" + pick(STATEFUL, random) + "-" + random.nextInt(3);
            case "pv" ->
                "pvc-"
                        + java.util.UUID.nameUUIDFromBytes(
                                Long.toString(random.nextLong()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            case "node" -> popular("node", 40, 0.6, ValueFactory::nodeName, random);
            case "stateful" -> pick(STATEFUL, random);
            case "daemon" -> pick(DAEMONS, random);
            case "job" ->
                random.nextInt(4) == 0
                        ? "migrate-" + owned("app", owner, 2, 14, r -> pick(APPS, r), random) + "-"
                                + (1 + random.nextInt(300))
                        : pick(CRONJOBS, random) + "-" + (28_000_000 + random.nextInt(900_000));
            case "cronjob" -> pick(CRONJOBS, random);
            case "clusterrole" -> pick(CLUSTER_ROLES, random);
            case "rolebinding" ->
                owned("app", owner, 2, 14, r -> pick(APPS, r), random) + "-"
                        + pick(List.of("binding", "reader", "edit"), random);
            case "lease" ->
                random.nextBoolean()
                        ? popular("node", 40, 0.6, ValueFactory::nodeName, random)
                        : owned("app", owner, 2, 14, r -> pick(APPS, r), random) + "-leader";
            case "crd" -> pick(CRDS, random);
            default -> throw new IllegalArgumentException("unknown value kind " + kind);
        };
    }

    /** One of a fixed pool, popular ones far more often. */
    private String popular(String kind, int size, double skew, Function<Random, String> make, Random random) {
        List<String> pool = pools.computeIfAbsent(kind, k -> {
            if (make == null) {
                return NAMESPACES;
            }
            Random r = new Random(seed ^ k.hashCode());
            LinkedHashSet<String> values = new LinkedHashSet<>();
            while (values.size() < size) {
                values.add(make.apply(r));
            }
            return new ArrayList<>(values);
        });
        Zipf zipf = zipfs.computeIfAbsent(pool.size() * 31 + (int) (skew * 100), k -> new Zipf(pool.size(), skew));
        return pool.get(zipf.next(random));
    }

    /** One of the few values belonging to {@code owner} (an owner's repositories, a namespace's apps). */
    private String owned(String kind, String owner, int min, int max, Function<Random, String> make, Random random) {
        List<String> pool = pools.computeIfAbsent(kind + "\u0000" + owner, k -> {
            Random r = new Random(seed ^ k.hashCode());
            int size = min + r.nextInt(max - min + 1);
            LinkedHashSet<String> values = new LinkedHashSet<>();
            for (int i = 0; i < size * 3 && values.size() < size; i++) {
                values.add(make.apply(r));
            }
            return new ArrayList<>(values);
        });
        Zipf zipf = zipfs.computeIfAbsent(pool.size() * 31 + 90, k -> new Zipf(pool.size(), 0.9));
        return pool.get(zipf.next(random));
    }

    private static String orgName(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> pick(Vocabulary.WORDS, r) + pick(List.of("-labs", "-inc", "hq", "-io", "-oss", "-dev", ""), r);
            case 1 -> pick(Vocabulary.WORDS, r) + pick(Vocabulary.WORDS, r);
            case 2 -> pick(Vocabulary.LAST, r) + "-" + pick(List.of("group", "corp", "tech", "systems"), r);
            default -> pick(Vocabulary.WORDS, r) + "-" + pick(Vocabulary.WORDS, r);
        };
    }

    private static String repoName(Random r) {
        return r.nextInt(3) == 0 ? pick(Vocabulary.REPO_COMMON, r) : Vocabulary.slug(r);
    }

    private String projectPath(Random random) {
        String group = popular("org", 150, 1.0, ValueFactory::orgName, random);
        return group + "%2F" + owned("repo", group, 1, 12, ValueFactory::repoName, random);
    }

    private static String merchantSlug(Random r) {
        return pick(List.of("basic", "pro", "premium", "starter", "team", "enterprise", "gold", "silver", "seat"), r)
                + pick(List.of("", "-monthly", "-annual", "-plan", "-2024", "-eur", "-usd"), r);
    }

    private static String couponCode(Random r) {
        return switch (r.nextInt(3)) {
            case 0 ->
                pick(List.of("SUMMER", "WELCOME", "BLACKFRIDAY", "SPRING", "VIP", "FRIENDS", "LAUNCH"), r)
                        + (5 + 5 * r.nextInt(10));
            case 1 -> chars(r, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 8);
            default -> (10 + 5 * r.nextInt(10)) + "OFF";
        };
    }

    private static String branch(Random r) {
        return switch (r.nextInt(6)) {
            case 0, 1 -> r.nextBoolean() ? "main" : "master";
            case 2 -> "feature-" + pick(Vocabulary.WORDS, r) + "-" + pick(Vocabulary.WORDS, r);
            case 3 -> "fix-" + pick(Vocabulary.WORDS, r) + "-" + (1 + r.nextInt(2000));
            case 4 -> "release-" + r.nextInt(5) + "." + r.nextInt(20);
            default ->
                "dependabot-npm_and_yarn-" + pick(Vocabulary.WORDS, r) + "-" + r.nextInt(9) + "." + r.nextInt(30) + "."
                        + r.nextInt(10);
        };
    }

    private static String tag(Random r) {
        int kind = r.nextInt(100);
        if (kind < 1) {
            return "v" + (1 + r.nextInt(5)); // moving major tags (actions): indistinguishable from an API version
        }
        String version = r.nextInt(4) + "." + r.nextInt(30) + "." + r.nextInt(15);
        return kind < 70
                ? "v" + version
                : kind < 90 ? version : "release-" + (2019 + r.nextInt(6)) + "-" + (10 + r.nextInt(3));
    }

    private static String basehead(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> "main..." + branch(r);
            case 1 -> tag(r) + "..." + tag(r);
            default -> chars(r, HEX, 7) + "..." + chars(r, HEX, 7);
        };
    }

    private String pod(String namespace, Random random) {
        String app = owned("app", namespace, 2, 14, r -> pick(APPS, r), random);
        if (random.nextInt(5) == 0) {
            return pick(STATEFUL, random) + "-" + random.nextInt(3);
        }
        return app + "-" + chars(random, K8S, 10) + "-" + chars(random, K8S, 5);
    }

    private String configMap(String namespace, Random random) {
        String app = owned("app", namespace, 2, 14, r -> pick(APPS, r), random);
        return switch (random.nextInt(4)) {
            case 0 -> "kube-root-ca.crt";
            case 1 -> app + "-config";
            case 2 -> app + "-env";
            default -> app + "-" + chars(random, K8S, 10);
        };
    }

    private String secret(String namespace, Random random) {
        String app = owned("app", namespace, 2, 14, r -> pick(APPS, r), random);
        return switch (random.nextInt(4)) {
            case 0 -> app + "-tls";
            case 1 -> "sh.helm.release.v1." + app + ".v" + (1 + random.nextInt(40));
            case 2 -> app + "-token-" + chars(random, K8S, 5);
            default -> app + "-credentials";
        };
    }

    private static String nodeName(Random r) {
        return r.nextBoolean()
                ? "ip-10-0-" + r.nextInt(64) + "-" + r.nextInt(256) + ".ec2.internal"
                : "gke-prod-pool-" + (1 + r.nextInt(3)) + "-" + chars(r, HEX, 8) + "-"
                        + chars(r, "abcdefghijklmnopqrstuvwxyz0123456789", 4);
    }

    static final List<String> TEAMS = List.of(
            "backend",
            "frontend",
            "platform",
            "security",
            "sre",
            "data-eng",
            "mobile",
            "design",
            "infra",
            "devex",
            "maintainers",
            "core-team",
            "admins",
            "reviewers",
            "release-managers",
            "docs",
            "qa",
            "ml-research");
    static final List<String> FILES = List.of(
            "README.md",
            "LICENSE",
            "package.json",
            "pom.xml",
            "go.mod",
            "Cargo.toml",
            "setup.py",
            "Makefile",
            "Dockerfile",
            "CHANGELOG.md",
            "src",
            "docs",
            "lib",
            "test",
            ".github",
            "index.js",
            "main.go",
            "requirements.txt",
            "tsconfig.json",
            ".gitignore",
            "CONTRIBUTING.md",
            "build.gradle",
            "app",
            "cmd");
    static final List<String> LABELS = List.of(
            "bug",
            "enhancement",
            "documentation",
            "good%20first%20issue",
            "help%20wanted",
            "question",
            "wontfix",
            "duplicate",
            "invalid",
            "dependencies",
            "security",
            "performance",
            "breaking-change",
            "needs-triage",
            "P1",
            "P2",
            "stale",
            "ci",
            "refactor",
            "feature");
    static final List<String> NAMESPACES = List.of(
            "default",
            "kube-system",
            "payments",
            "checkout",
            "ingress-nginx",
            "monitoring",
            "identity",
            "search",
            "cert-manager",
            "logging",
            "argocd",
            "payments-staging",
            "checkout-staging",
            "data-platform",
            "kube-node-lease",
            "kube-public",
            "team-growth",
            "team-risk",
            "ml-serving",
            "notifications",
            "billing",
            "catalog",
            "inventory",
            "shipping",
            "vault",
            "istio-system",
            "flux-system",
            "observability",
            "sandbox-alice",
            "sandbox-bob",
            "batch-jobs",
            "analytics");
    static final List<String> APPS = List.of(
            "web",
            "api",
            "worker",
            "frontend",
            "backend",
            "gateway",
            "auth-service",
            "payment-api",
            "checkout-web",
            "order-service",
            "cart",
            "catalog-api",
            "search-indexer",
            "notifier",
            "mailer",
            "scheduler",
            "redis",
            "nginx",
            "envoy",
            "prometheus",
            "grafana",
            "loki",
            "fluentd",
            "coredns",
            "metrics-server",
            "cert-manager",
            "argocd-server",
            "vault-agent",
            "kafka-connect",
            "ledger",
            "fraud-scorer",
            "image-resizer",
            "pdf-renderer",
            "graphql-gateway",
            "admin-portal",
            "recommendations",
            "tracker");
    static final List<String> STATEFUL =
            List.of("postgres", "redis-master", "kafka", "zookeeper", "elasticsearch", "mongodb", "rabbitmq", "etcd");
    static final List<String> DAEMONS =
            List.of("fluent-bit", "node-exporter", "kube-proxy", "calico-node", "cilium", "datadog-agent", "csi-node");
    static final List<String> CRONJOBS =
            List.of("backup", "cleanup", "report-daily", "sync-catalog", "rotate-keys", "reindex", "billing-run", "gc");
    static final List<String> CLUSTER_ROLES = List.of(
            "cluster-admin",
            "edit",
            "view",
            "system:controller:deployment-controller",
            "system:controller:job-controller",
            "system:node",
            "system:kube-scheduler",
            "prometheus-k8s",
            "cert-manager-controller",
            "ingress-nginx",
            "argocd-application-controller",
            "metrics-reader");
    static final List<String> CRDS = List.of(
            "certificates.cert-manager.io",
            "issuers.cert-manager.io",
            "prometheuses.monitoring.coreos.com",
            "servicemonitors.monitoring.coreos.com",
            "applications.argoproj.io",
            "virtualservices.networking.istio.io",
            "kafkatopics.kafka.strimzi.io",
            "sealedsecrets.bitnami.com",
            "externalsecrets.external-secrets.io",
            "ingressroutes.traefik.io",
            "gateways.gateway.networking.k8s.io",
            "httproutes.gateway.networking.k8s.io");
}
