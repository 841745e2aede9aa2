package dev.vigil.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplaterTest {
    private static final String HOST = "api.example.com";
    /** Usernames with no shared structure: free text only cardinality can turn into a parameter. */
    private static final List<String> USERNAMES = List.of(
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
            "vanpelt",
            "wayneeseguin",
            "brynary",
            "kevinclark",
            "technoweenie",
            "macournoyer",
            "takeo",
            "caged",
            "topfunky",
            "anotherjesse",
            "roland",
            "lukas",
            "fanvsfan",
            "tomtt",
            "railsjitsu",
            "nitay",
            "kevwil",
            "kastner",
            "trek");

    private final PathTemplater templater = new PathTemplater(TemplatingConfig.defaults());

    @Test
    void templatesNumericSegments() {
        PathTemplate template = templater.observe(HOST, "/users/123");

        assertThat(template.value()).isEqualTo("/users/{userId}");
        assertThat(template.parameters()).containsExactly(new PathParameter("userId", "integer", ""));
    }

    @ParameterizedTest
    @CsvSource({
        "/orders/3f2504e0-4f89-11d3-9a0c-0305e82c3301, string, uuid",
        "/files/9e107d9d372bb6826bd81d3542a419d6, string, hash",
        "/commits/2fd4e1c67a2d28fced849ee1bb76e7391b93eb12, string, hash",
        "/documents/507f1f77bcf86cd799439011, string, hex",
        "/events/01ARZ3NDEKTSV4RRFFQ69G5FAV, string, ulid",
        "/reports/2024-03-15, string, date",
        "/snapshots/2024-03-15T10:20:30Z, string, date-time",
        "/members/jane.doe@example.com, string, email",
        "/sessions/dGhpc2lzYXRva2Vu4x7Q2kLm9Z, string, token",
        "/customers/cus_9s6XKzkNRiz8i3, string, token",
        "/items/42, integer, ''"
    })
    void typedSegmentsBecomeParametersAtOnceWithTheirFormat(String path, String type, String format) {
        PathTemplate template = templater.observe(HOST, path);

        assertThat(template.parameters()).hasSize(1);
        assertThat(template.parameters().get(0).type()).isEqualTo(type);
        assertThat(template.parameters().get(0).format()).isEqualTo(format);
        assertThat(template.confidence()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void wordSegmentsStayLiteralOnFirstSight() {
        assertThat(templater.observe(HOST, "/users/octocat").value()).isEqualTo("/users/octocat");
        assertThat(templater.observe(HOST, "/repos/hello-world").value()).isEqualTo("/repos/hello-world");
    }

    @Test
    void keepsLiteralSiblingsBesideTypedIds() {
        for (int i = 1; i <= 50; i++) {
            templater.observe(HOST, "/users/" + (1000 + i));
            templater.observe(HOST, "/orders/" + (5000 + i));
        }
        templater.observe(HOST, "/users/me");
        templater.observe(HOST, "/users/search");
        templater.observe(HOST, "/orders/export");

        assertThat(templater.resolve(HOST, "/users/me").value()).isEqualTo("/users/me");
        assertThat(templater.resolve(HOST, "/users/search").value()).isEqualTo("/users/search");
        assertThat(templater.resolve(HOST, "/orders/export").value()).isEqualTo("/orders/export");
        assertThat(templater.resolve(HOST, "/users/77").value()).isEqualTo("/users/{userId}");
    }

    @Test
    void mergesFreeTextSlugsOnceEnoughDistinctValuesArrive() {
        for (String name : USERNAMES) {
            templater.observe(HOST, "/users/" + name);
        }

        PathTemplate template = templater.resolve(HOST, "/users/somebody-new");
        assertThat(template.value()).isEqualTo("/users/{userId}");
        assertThat(template.parameters()).containsExactly(new PathParameter("userId", "string", ""));
        assertThat(template.confidence()).isLessThan(0.9);
    }

    @Test
    void fewLiteralChildrenStayLiteral() {
        for (int round = 0; round < 20; round++) {
            for (String name : USERNAMES.subList(0, 6)) {
                templater.observe(HOST, "/users/" + name);
            }
        }

        assertThat(templater.resolve(HOST, "/users/octocat").value()).isEqualTo("/users/octocat");
    }

    @Test
    void resourceCollectionsWithIdsStayLiteral() {
        List<String> collections = List.of(
                "customers",
                "charges",
                "invoices",
                "refunds",
                "payouts",
                "transfers",
                "disputes",
                "products",
                "prices",
                "coupons",
                "subscriptions",
                "events",
                "files",
                "quotes");
        for (int round = 0; round < 40; round++) {
            for (String collection : collections) {
                templater.observe(HOST, "/v1/" + collection + "/" + (round * 31 + collection.length()));
                templater.observe(HOST, "/v1/" + collection);
            }
        }

        assertThat(templater.resolve(HOST, "/v1/charges/9").value()).isEqualTo("/v1/charges/{chargeId}");
        assertThat(templater.resolve(HOST, "/v1/quotes").value()).isEqualTo("/v1/quotes");
    }

    @Test
    void nestedFreeTextParametersEmergeFromPooledEvidence() {
        int issue = 1;
        for (String owner : USERNAMES) {
            for (String repo : List.of(owner + "-api", "dotfiles-" + owner, owner + "-site")) {
                templater.observe(HOST, "/repos/" + owner + "/" + repo);
                templater.observe(HOST, "/repos/" + owner + "/" + repo + "/issues/" + issue++);
                templater.observe(HOST, "/repos/" + owner + "/" + repo + "/pulls");
            }
        }

        assertThat(templater.resolve(HOST, "/repos/someone/something/issues/7").value())
                .isEqualTo("/repos/{repoId}/{id}/issues/{issueId}");
        assertThat(templater.resolve(HOST, "/repos/someone/something/pulls").value())
                .isEqualTo("/repos/{repoId}/{id}/pulls");
    }

    @Test
    void reservedTokensStayLiteralWhereValuesMerge() {
        PathTemplater reserving = new PathTemplater(TemplatingConfig.defaults().withReservedTokens(Set.of("internal")));
        for (String name : USERNAMES) {
            reserving.observe(HOST, "/" + name + "/profile");
            templater.observe(HOST, "/" + name + "/profile");
        }
        reserving.observe(HOST, "/internal/profile");
        templater.observe(HOST, "/internal/profile");

        assertThat(reserving.resolve(HOST, "/internal/profile").value()).isEqualTo("/internal/profile");
        assertThat(templater.resolve(HOST, "/internal/profile").value()).isEqualTo("/{id}/profile");
    }

    @Test
    void versionTokensNeverBecomeParameters() {
        for (int v = 1; v <= 30; v++) {
            templater.observe(HOST, "/v" + v + "/status");
        }

        assertThat(templater.resolve(HOST, "/v7/status").value()).isEqualTo("/v7/status");
        assertThat(templater.resolve(HOST, "/v2beta1/status").value()).isEqualTo("/v2beta1/status");
    }

    @Test
    void aDateAsFirstSegmentIsAnApiVersionButADateDeeperIsAParameter() {
        assertThat(templater.observe(HOST, "/2010-04-01/Accounts/42").value())
                .isEqualTo("/2010-04-01/Accounts/{accountId}");
        assertThat(templater.observe(HOST, "/reports/2010-04-01").value()).isEqualTo("/reports/{reportId}");
    }

    @Test
    void seededTemplatesTakePriorityAndKeepTheirNames() {
        templater.seed("*", "/repos/{owner}/{repo}/issues/{issue_number}");

        PathTemplate template = templater.observe("api.github.com", "/repos/octocat/hello-world/issues/7");

        assertThat(template.value()).isEqualTo("/repos/{owner}/{repo}/issues/{issue_number}");
        assertThat(template.confidence()).isEqualTo(1.0);
    }

    @Test
    void seedsForOneHostDoNotApplyToAnother() {
        templater.seed("api.github.com", "/repos/{owner}");

        assertThat(templater.observe("api.github.com", "/repos/octocat").value())
                .isEqualTo("/repos/{owner}");
        assertThat(templater.observe("gitlab.example.com", "/repos/octocat").value())
                .isEqualTo("/repos/octocat");
    }

    @Test
    void seededLiteralsStayBesideSeededParameters() {
        templater.seed(HOST, "/users/{username}");
        templater.seed(HOST, "/users/me");

        assertThat(templater.observe(HOST, "/users/me").value()).isEqualTo("/users/me");
        assertThat(templater.observe(HOST, "/users/octocat").value()).isEqualTo("/users/{username}");
    }

    @Test
    void seedingAbsorbsLiteralsLearnedBefore() {
        templater.observe(HOST, "/teams/backend/members");

        templater.seed(HOST, "/teams/{team}/members");

        assertThat(templater.resolve(HOST, "/teams/backend/members").value()).isEqualTo("/teams/{team}/members");
    }

    @Test
    void resolveMapsAnOlderTemplateToTheCurrentOne() {
        String before = templater.observe(HOST, "/users/octocat/repos").value();
        for (String name : USERNAMES) {
            templater.observe(HOST, "/users/" + name + "/repos");
        }

        assertThat(before).isEqualTo("/users/octocat/repos");
        assertThat(templater.resolve(HOST, before).value()).isEqualTo("/users/{userId}/repos");
        assertThat(templater.resolve(HOST, "/users/{login}/repos").value()).isEqualTo("/users/{userId}/repos");
    }

    @Test
    void resolveKeepsParametersOfAnUnknownTemplateAndDoesNotLearn() {
        PathTemplate template = templater.resolve(HOST, "/widgets/{widgetId}/parts/abc");

        assertThat(template.value()).isEqualTo("/widgets/{widgetId}/parts/abc");
        assertThat(template.confidence()).isEqualTo(0.5);
        assertThat(templater.exportState().path("hosts").size()).isZero();
    }

    @Test
    void namesParametersAfterTheSingularPrecedingWordAndKeepsThemUnique() {
        assertThat(templater.observe(HOST, "/categories/12").value()).isEqualTo("/categories/{categoryId}");
        assertThat(templater.observe(HOST, "/payment_intents/7").value())
                .isEqualTo("/payment_intents/{paymentIntentId}");
        assertThat(templater.observe(HOST, "/addresses/7").value()).isEqualTo("/addresses/{addressId}");
        assertThat(templater.observe(HOST, "/v1/7").value()).isEqualTo("/v1/{id}");
        assertThat(templater.observe(HOST, "/items/1/2").value()).isEqualTo("/items/{itemId}/{id}");
        assertThat(templater.observe(HOST, "/users/1/users/2").value()).isEqualTo("/users/{userId}/users/{userId2}");
    }

    @Test
    void confidenceIsHighForTypedAndLiteralAndLowerForThinMerges() {
        assertThat(templater.observe(HOST, "/health").confidence()).isEqualTo(1.0);
        assertThat(templater
                        .observe(HOST, "/orders/3f2504e0-4f89-11d3-9a0c-0305e82c3301")
                        .confidence())
                .isEqualTo(0.99);
        for (String name : USERNAMES.subList(0, 10)) {
            templater.observe(HOST, "/people/" + name);
        }
        double thin = templater.resolve(HOST, "/people/x").confidence();
        for (String name : USERNAMES.subList(10, 30)) {
            templater.observe(HOST, "/people/" + name);
        }
        double thicker = templater.resolve(HOST, "/people/x").confidence();

        assertThat(thin).isBetween(0.5, 0.7);
        assertThat(thicker).isGreaterThan(thin).isLessThan(0.9);
    }

    @Test
    void queryAndFragmentAndEmptySegmentsAreIgnored() {
        assertThat(templater.observe(HOST, "/users//42/?page=2#top").value()).isEqualTo("/users/{userId}");
        assertThat(templater.observe(HOST, "/").value()).isEqualTo("/");
    }

    @Test
    void hostsAreLearnedSeparately() {
        for (String name : USERNAMES) {
            templater.observe("a.example.com", "/users/" + name);
        }

        assertThat(templater.resolve("a.example.com", "/users/zed").value()).isEqualTo("/users/{userId}");
        assertThat(templater.resolve("b.example.com", "/users/zed").value()).isEqualTo("/users/zed");
    }

    @Test
    void nodesTrackBoundedNumbersOfValues() {
        PathTemplater bounded = new PathTemplater(new TemplatingConfig(Set.of(), 10, 20));
        for (int i = 0; i < 100; i++) {
            // each value is followed by an id, so no evidence but the bound can merge them
            bounded.observe(HOST, "/things/kind" + (char) ('a' + i % 26) + (char) ('a' + i / 26) + "/" + i);
        }

        JsonNode things =
                bounded.exportState().path("hosts").path(HOST).path("literals").path("things");
        assertThat(things.path("literals").size()).isLessThanOrEqualTo(20);
        assertThat(things.path("param").path("values").size()).isLessThanOrEqualTo(20);
    }

    @Test
    void exportedStateLetsALaterRunContinue() {
        templater.seed("*", "/repos/{owner}/{repo}");
        for (String name : USERNAMES) {
            templater.observe(HOST, "/users/" + name + "/orders/" + name.length());
        }
        JsonNode state = templater.exportState();

        PathTemplater later = new PathTemplater(TemplatingConfig.defaults());
        later.importState(state);

        assertThat(later.exportState()).isEqualTo(state);
        assertThat(later.resolve(HOST, "/users/newbie/orders/3").value()).isEqualTo("/users/{userId}/orders/{orderId}");
        assertThat(later.observe("other.example.com", "/repos/a/b").value()).isEqualTo("/repos/{owner}/{repo}");
    }

    @Test
    void importRejectsForeignJson() {
        assertThatThrownBy(() -> templater.importState(JsonNodeFactory.instance.objectNode()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void observingFromManyThreadsLosesNothing() throws Exception {
        int threads = 4;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String user = USERNAMES.get((i + offset) % USERNAMES.size());
                        templater.observe("h" + (i % 3) + ".example.com", "/users/" + user + "/items/" + i);
                        templater.resolve("h0.example.com", "/users/" + user);
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }

        JsonNode hosts = templater.exportState().path("hosts");
        long total = 0;
        for (JsonNode host : hosts) {
            total += host.path("hits").asLong();
        }
        assertThat(total).isEqualTo((long) threads * perThread);
        assertThat(templater.resolve("h1.example.com", "/users/x/items/5").value())
                .isEqualTo("/users/{userId}/items/{itemId}");
    }
}
