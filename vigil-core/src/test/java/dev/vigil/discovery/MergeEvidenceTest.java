package dev.vigil.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of merge evidence in {@link MergePolicy}, with a twin that must not merge. */
class MergeEvidenceTest {
    private static final String HOST = "k8s.example.internal";
    private static final List<String> NAMESPACES = List.of(
            "default",
            "payments",
            "checkout",
            "monitoring",
            "logging",
            "identity",
            "catalog",
            "shipping",
            "billing",
            "analytics",
            "vault",
            "argocd");
    private static final List<String> GROUPS = List.of(
            "apps",
            "batch",
            "policy",
            "autoscaling",
            "networking.k8s.io",
            "storage.k8s.io",
            "node.k8s.io",
            "coordination.k8s.io",
            "discovery.k8s.io",
            "events.k8s.io",
            "scheduling.k8s.io",
            "rbac.k8s.io");

    private final PathTemplater templater = new PathTemplater(TemplatingConfig.defaults());

    @Test
    void closedSetOfValuesWithAlikeSubtreesMerges() {
        for (int round = 0; round < 5; round++) {
            for (String ns : NAMESPACES) {
                for (String resource : List.of("pods", "services", "configmaps", "secrets")) {
                    templater.observe(HOST, "/api/v1/namespaces/" + ns + "/" + resource);
                }
            }
        }

        assertThat(templater.resolve(HOST, "/api/v1/namespaces/default/pods").value())
                .isEqualTo("/api/v1/namespaces/{namespaceId}/pods");
    }

    @Test
    void childrenFollowedByVersionsStayLiteralGroups() {
        for (int round = 0; round < 5; round++) {
            for (String group : GROUPS) {
                for (String ns : NAMESPACES.subList(0, 3)) {
                    templater.observe(HOST, "/apis/" + group + "/v1/namespaces/" + ns + "/things");
                }
            }
        }

        assertThat(templater
                        .resolve(HOST, "/apis/batch/v1/namespaces/default/things")
                        .value())
                .startsWith("/apis/batch/v1/");
    }

    @Test
    void smallVocabularyBesideAParameterisedSiblingMerges() {
        observeNamespacedDeployments();
        for (String ds : List.of("fluent-bit", "node-exporter", "kube-proxy", "cilium", "csi-node", "datadog")) {
            for (int i = 0; i < 5; i++) {
                templater.observe(HOST, "/apis/apps/v1/daemonsets/" + ds);
            }
        }

        assertThat(templater.resolve(HOST, "/apis/apps/v1/daemonsets/cilium").value())
                .isEqualTo("/apis/apps/v1/daemonsets/{daemonsetId}");
    }

    @Test
    void smallVocabularyOfCollectionNamesUsedElsewhereStaysLiteral() {
        for (int i = 0; i < 40; i++) {
            templater.observe(HOST, "/users/" + (100 + i));
            templater.observe(HOST, "/issues/" + (500 + i));
            templater.observe(HOST, "/commits/" + (900 + i));
            templater.observe(HOST, "/labels/" + (1300 + i));
        }
        for (String kind : List.of("users", "issues", "commits", "labels", "code", "topics")) {
            for (int i = 0; i < 5; i++) {
                templater.observe(HOST, "/search/" + kind);
            }
        }

        assertThat(templater.resolve(HOST, "/search/users").value()).isEqualTo("/search/users");
        assertThat(templater.resolve(HOST, "/search/code").value()).isEqualTo("/search/code");
    }

    @Test
    void pluralCollectionWithDataLikeValuesMerges() {
        for (String crd : List.of(
                "certificates.cert-manager.io",
                "issuers.cert-manager.io",
                "applications.argoproj.io",
                "kafkatopics.kafka.strimzi.io",
                "servicemonitors.monitoring.coreos.com",
                "httproutes.gateway.networking.k8s.io")) {
            for (int i = 0; i < 5; i++) {
                templater.observe(HOST, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/" + crd);
            }
        }

        assertThat(templater
                        .resolve(HOST, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x.y.io")
                        .value())
                .isEqualTo("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{customresourcedefinitionId}");
    }

    @Test
    void pluralCollectionOfPlainWordsStaysLiteral() {
        for (String page : List.of("profile", "security", "billing", "notifications", "appearance", "emails")) {
            for (int i = 0; i < 5; i++) {
                templater.observe(HOST, "/settings/" + page);
            }
        }

        assertThat(templater.resolve(HOST, "/settings/billing").value()).isEqualTo("/settings/billing");
    }

    @Test
    void valuesKnownAsParametersElsewhereMergeWithFewerExamples() {
        List<String> users = List.of(
                "octocat",
                "torvalds",
                "gaearon",
                "sindresorhus",
                "mojombo",
                "defunkt",
                "pjhyett",
                "wycats",
                "ezmobius",
                "ivey",
                "evanphx",
                "vanpelt");
        for (String user : users) {
            templater.observe(HOST, "/users/" + user);
        }
        for (String user : users.subList(0, 6)) {
            for (int i = 0; i < 4; i++) {
                templater.observe(HOST, "/teams/core/members/" + user);
            }
        }

        assertThat(templater.resolve(HOST, "/teams/core/members/octocat").value())
                .isEqualTo("/teams/core/members/{memberId}");
    }

    @Test
    void unknownPlainWordsWithFewExamplesStayLiteral() {
        for (String word : List.of("active", "archived", "pending", "blocked", "deleted", "draft")) {
            for (int i = 0; i < 4; i++) {
                templater.observe(HOST, "/teams/core/states/" + word);
            }
        }

        assertThat(templater.resolve(HOST, "/teams/core/states/active").value()).isEqualTo("/teams/core/states/active");
    }

    @Test
    void prefixedIdWhoseTailLooksLikeWordsFollowsItsSiblings() {
        templater.observe(HOST, "/v1/charges/ch_3MmlLrLkdIwHu7ix0snN0B15");

        assertThat(templater
                        .observe(HOST, "/v1/charges/ch_abcdefghijklmnopqrstuvwx")
                        .value())
                .isEqualTo("/v1/charges/{chargeId}");
        assertThat(templater.observe(HOST, "/v1/charges/refunds_pending").value())
                .isEqualTo("/v1/charges/refunds_pending");
    }

    private void observeNamespacedDeployments() {
        for (int round = 0; round < 3; round++) {
            for (String ns : NAMESPACES) {
                for (String app : List.of("web", "api-gateway", "worker", "cart", "ledger")) {
                    templater.observe(HOST, "/apis/apps/v1/namespaces/" + ns + "/deployments/" + app);
                }
            }
        }
    }
}
