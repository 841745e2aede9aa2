package dev.vigil.scan.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.scan.identity.CredentialSpec;
import dev.vigil.scan.identity.Identity;
import dev.vigil.scan.identity.Secret;
import dev.vigil.scan.surface.Operation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnershipOracleTest {
    private static final Identity ALICE = id("alice");
    private static final Identity BOB = id("bob");
    private static final Operation LIST = new Operation("GET", "/accounts", List.of(), "", true, "");
    private static final Operation ONE = new Operation("GET", "/accounts/{accountId}", List.of(), "", true, "");
    private static final Operation ME = new Operation("GET", "/users/me", List.of(), "", true, "");
    private static final Operation USER = new Operation("PATCH", "/users/{userId}", List.of(), "", true, "");
    private static final Operation CARD = new Operation("GET", "/cards/{id}", List.of(), "", true, "");

    private static Identity id(String name) {
        return new Identity(
                name, List.of("customer"), "", new CredentialSpec.Bearer(new Secret("t-" + name), null, null));
    }

    @Test
    void ownsIdsListedOnlyToOneIdentityAndSkipsSharedOnes() {
        OwnershipOracle oracle = new OwnershipOracle();
        oracle.learn(ALICE, LIST, "{\"items\":[{\"id\":101},{\"id\":7}]}");
        oracle.learn(BOB, LIST, "[{\"id\":201},{\"id\":7}]");
        assertThat(oracle.owned(ALICE, ONE, List.of(ALICE, BOB), 5)).containsExactly(Map.of("accountId", "101"));
        assertThat(oracle.owned(BOB, ONE, List.of(ALICE, BOB), 5)).containsExactly(Map.of("accountId", "201"));
    }

    @Test
    void selfResourcesAndTypedIdFieldsNameTheirCollection() {
        OwnershipOracle oracle = new OwnershipOracle();
        oracle.learn(ALICE, ME, "{\"id\":\"u-1\",\"cardId\":\"c-9\",\"name\":\"Alice\"}");
        assertThat(oracle.candidates(ALICE, USER, "userId")).containsExactly("u-1");
        assertThat(oracle.candidates(ALICE, CARD, "id")).containsExactly("c-9");
        assertThat(oracle.candidates(BOB, USER, "userId")).isEmpty();
    }

    @Test
    void anonymousAnswersOwnNothing() {
        OwnershipOracle oracle = new OwnershipOracle();
        oracle.learn(Identity.anonymous(), LIST, "[{\"id\":1}]");
        assertThat(oracle.candidates(Identity.anonymous(), ONE, "accountId")).isEmpty();
    }

    @Test
    void referenceFieldsTakeIdsOfTheCollectionTheyNameButNotOfUnrelatedOnes() {
        OwnershipOracle oracle = new OwnershipOracle();
        oracle.learn(ALICE, LIST, "{\"items\":[{\"id\":\"a-1\",\"cardId\":\"c-1\"}]}");
        oracle.learn(BOB, LIST, "{\"items\":[{\"id\":\"b-1\"}]}");
        assertThat(oracle.referenceValues(ALICE, "fromAccountId")).containsExactly("a-1");
        assertThat(oracle.referenceValues(ALICE, "account_id")).containsExactly("a-1");
        assertThat(oracle.referenceValues(ALICE, "primaryCardId")).containsExactly("c-1");
        assertThat(oracle.referenceValues(ALICE, "walletId")).isEmpty();
        assertThat(oracle.referenceValues(ALICE, "id")).isEmpty();
        assertThat(oracle.ownedReferences(ALICE, "toAccountId", List.of(ALICE, BOB), 3))
                .containsExactly("a-1");
        oracle.learn(BOB, ONE, "{\"id\":\"x\",\"accountId\":\"a-1\"}");
        assertThat(oracle.ownedReferences(ALICE, "toAccountId", List.of(ALICE, BOB), 3))
                .as("seen by both: shared, not owned")
                .isEmpty();
    }
}
