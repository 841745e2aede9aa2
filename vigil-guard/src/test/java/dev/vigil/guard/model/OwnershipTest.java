package dev.vigil.guard.model;

import static dev.vigil.guard.model.Traffic.basic;
import static dev.vigil.guard.model.Traffic.endpoint;
import static dev.vigil.guard.model.Traffic.exchange;
import static dev.vigil.guard.model.Traffic.head;
import static dev.vigil.guard.model.Traffic.param;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.classify.Classifier;
import dev.vigil.discovery.Endpoint;
import dev.vigil.discovery.ParameterLocation;
import dev.vigil.guard.detect.Detection;
import dev.vigil.guard.detect.MutableClock;
import dev.vigil.traffic.Header;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnershipTest {
    static final List<Endpoint> INVENTORY = List.of(
            endpoint("POST", "/orders", 100, List.of()),
            endpoint("GET", "/orders", 100, List.of()),
            endpoint(
                    "GET",
                    "/orders/{orderId}",
                    100,
                    List.of(param("orderId", ParameterLocation.PATH, "{\"type\":\"string\"}", 100))),
            endpoint(
                    "DELETE",
                    "/orders/{orderId}",
                    100,
                    List.of(param("orderId", ParameterLocation.PATH, "{\"type\":\"string\"}", 100))),
            endpoint("GET", "/products", 100, List.of()),
            endpoint(
                    "GET",
                    "/products/{productId}",
                    100,
                    List.of(param("productId", ParameterLocation.PATH, "{\"type\":\"string\"}", 100))));

    final MutableClock clock = new MutableClock(Traffic.T0);
    final ModelDetectors model =
            ModelDetectors.of(INVENTORY, List.of(), ModelConfig.DEFAULTS, Classifier.builtIn(), clock);

    @Test
    void flagsAnotherPrincipalTouchingAnObjectItsCreatorOwns() {
        model.inspectResponse(exchange(
                "POST", "/orders", "{\"item\":\"pen\"}", 201, "{\"id\":\"o-17\"}", "Authorization", basic("alice")));
        List<Detection> found = model.inspectRequest(head("GET", "/orders/o-17", "Authorization", basic("bob")));
        assertThat(found).singleElement().isInstanceOf(Detection.BolaAttempt.class);
        assertThat(found.get(0).evidence())
                .contains("bob")
                .contains("alice")
                .contains("o-17")
                .doesNotContain("pw");
        assertThat(model.inspectRequest(head("GET", "/orders/o-17", "Authorization", basic("alice"))))
                .isEmpty();
        assertThat(model.inspectRequest(head("GET", "/orders/o-18", "Authorization", basic("bob"))))
                .isEmpty();
    }

    @Test
    void learnsTheOwnerFromTheLocationHeader() {
        model.inspectResponse(exchange(
                "POST",
                "/orders",
                "{}",
                201,
                List.of(new Header("Location", "/orders/77")),
                "",
                "Authorization",
                basic("alice")));
        assertThat(model.inspectRequest(head("DELETE", "/orders/77", "Authorization", basic("bob"))))
                .singleElement()
                .isInstanceOf(Detection.BolaAttempt.class);
    }

    @Test
    void anIdListedToTwoPrincipalsIsSharedAndNeverFlagged() {
        String listing = "{\"items\":[{\"id\":\"p-1\"},{\"id\":\"p-2\"}]}";
        model.inspectResponse(exchange("GET", "/products", "", 200, listing, "Authorization", basic("alice")));
        assertThat(model.inspectRequest(head("GET", "/products/p-1", "Authorization", basic("bob"))))
                .singleElement()
                .isInstanceOf(Detection.BolaAttempt.class);
        model.inspectResponse(exchange("GET", "/products", "", 200, listing, "Authorization", basic("bob")));
        assertThat(model.inspectRequest(head("GET", "/products/p-1", "Authorization", basic("bob"))))
                .isEmpty();
        assertThat(model.inspectRequest(head("GET", "/products/p-2", "Authorization", basic("carol"))))
                .isEmpty();
    }

    @Test
    void aDirectReadByIdTeachesNoOwnershipAndADeleteForgetsIt() {
        model.inspectResponse(
                exchange("GET", "/orders/o-5", "", 200, "{\"id\":\"o-5\"}", "Authorization", basic("mallory")));
        assertThat(model.inspectRequest(head("GET", "/orders/o-5", "Authorization", basic("alice"))))
                .isEmpty();
        model.inspectResponse(
                exchange("POST", "/orders", "{}", 201, "{\"id\":\"o-6\"}", "Authorization", basic("alice")));
        model.inspectResponse(exchange("DELETE", "/orders/o-6", "", 204, "", "Authorization", basic("alice")));
        assertThat(model.inspectRequest(head("GET", "/orders/o-6", "Authorization", basic("bob"))))
                .isEmpty();
    }

    @Test
    void learnModeOperationsAreNotJudged() {
        model.inspectResponse(
                exchange("POST", "/orders", "{}", 201, "{\"id\":\"o-9\"}", "Authorization", basic("alice")));
        model.spec().mode("GET", "/orders/{orderId}", ModelMode.LEARN);
        assertThat(model.inspectRequest(head("GET", "/orders/o-9", "Authorization", basic("bob"))))
                .isEmpty();
    }

    @Test
    void remembersABoundedNumberOfObjects() {
        OwnershipModel owners = new OwnershipModel(2);
        owners.created("h", "/orders", "1", "alice");
        owners.created("h", "/orders", "2", "alice");
        owners.created("h", "/orders", "3", "alice");
        assertThat(owners.size()).isEqualTo(2);
        assertThat(owners.owner("h", "/orders", "1")).isEmpty();
        assertThat(owners.owner("h", "/orders", "3")).hasValue("alice");
        assertThat(owners.owner("h", "/invoices", "3")).isEmpty();
        assertThat(owners.evictions()).isEqualTo(1);
        owners.deleted("h", "/orders", "3");
        assertThat(owners.evictions()).as("a deleted id is not an eviction").isEqualTo(1);
    }
}
