package dev.vigil.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.traffic.Exchange;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExposureClassifierTest {
    private static final AuthObservation NONE = new AuthObservation(List.of(new AuthScheme.None()), Optional.empty());

    private final ExposureClassifier defaults = new ExposureClassifier(ExposureConfig.defaults());

    private Exposure classify(Exchanges e) {
        return defaults.classify(e.build(), NONE);
    }

    private static AuthObservation auth(AuthScheme scheme) {
        return new AuthObservation(List.of(scheme), Optional.empty());
    }

    @Test
    void anonymousCallFromAPublicAddressIsPublic() {
        assertThat(classify(Exchanges.get("/v1/items").client("203.0.113.9"))).isEqualTo(Exposure.PUBLIC);
        assertThat(classify(Exchanges.get("/v1/items"))).as("no address known").isEqualTo(Exposure.PUBLIC);
    }

    @Test
    void outboundCallToAHostWeDoNotOwnIsThirdParty() {
        Exchanges stripe = Exchanges.post("/v1/charges").host("api.stripe.com").source("outbound:billing");
        assertThat(classify(stripe)).isEqualTo(Exposure.THIRD_PARTY);
        assertThat(classify(Exchanges.post("/v1/charges").host("api.stripe.com").source("har:session.har")))
                .as("not marked outbound and ownership unknown")
                .isEqualTo(Exposure.PUBLIC);
    }

    @Test
    void configuredOwnedHostsOutweighPrivateAddressesForOutboundCalls() {
        Exchange toPrivateProvider = Exchanges.get("/v1/latest")
                .host("10.9.0.5")
                .source("outbound:payments")
                .client("10.4.0.12")
                .build();
        ExposureClassifier owned =
                new ExposureClassifier(ExposureConfig.defaults().withOwnedHosts("10.4.*"));
        assertThat(owned.classify(toPrivateProvider, NONE)).isEqualTo(Exposure.THIRD_PARTY);
        ExposureClassifier unconfigured = new ExposureClassifier(ExposureConfig.defaults());
        assertThat(unconfigured.classify(toPrivateProvider, NONE)).isEqualTo(Exposure.INTERNAL);
    }

    @Test
    void outboundCallToAnOwnedHostIsNotThirdParty() {
        ExposureClassifier owned =
                new ExposureClassifier(ExposureConfig.defaults().withOwnedHosts("*.example.com"));
        Exchange call = Exchanges.get("/v1/stock")
                .host("inventory.example.com")
                .source("outbound:orders")
                .client("10.4.0.12")
                .build();
        assertThat(owned.classify(call, NONE)).isEqualTo(Exposure.INTERNAL);
        Exchange toCluster = Exchanges.get("/v1/stock")
                .host("inventory.shop.svc.cluster.local")
                .source("outbound:orders")
                .build();
        assertThat(defaults.classify(toCluster, NONE))
                .as("internal hosts are ours")
                .isEqualTo(Exposure.INTERNAL);
    }

    @Test
    void withOwnedHostsConfiguredEveryOtherHostIsThirdParty() {
        ExposureClassifier owned =
                new ExposureClassifier(ExposureConfig.defaults().withOwnedHosts("*.example.com"));
        assertThat(owned.classify(
                        Exchanges.get("/collect")
                                .host("www.google-analytics.com")
                                .build(),
                        NONE))
                .isEqualTo(Exposure.THIRD_PARTY);
        assertThat(owned.classify(Exchanges.get("/x").host("evilexample.com").build(), NONE))
                .as("glob needs the dot")
                .isEqualTo(Exposure.THIRD_PARTY);
        assertThat(owned.classify(Exchanges.get("/x").host("api.example.com").build(), NONE))
                .isEqualTo(Exposure.PUBLIC);
    }

    @Test
    void privateClientAddressesAreInternal() {
        assertThat(classify(Exchanges.get("/").client("10.1.2.3"))).isEqualTo(Exposure.INTERNAL);
        assertThat(classify(Exchanges.get("/").client("192.168.0.20:51234"))).isEqualTo(Exposure.INTERNAL);
        assertThat(classify(Exchanges.get("/").client("127.0.0.1"))).isEqualTo(Exposure.INTERNAL);
        assertThat(classify(Exchanges.get("/").client("169.254.10.1"))).isEqualTo(Exposure.INTERNAL);
        assertThat(classify(Exchanges.get("/").client("100.64.3.4")))
                .as("CGNAT")
                .isEqualTo(Exposure.INTERNAL);
        assertThat(classify(Exchanges.get("/").client("[fd12:3456::1]:443")))
                .as("ULA")
                .isEqualTo(Exposure.INTERNAL);
        assertThat(classify(Exchanges.get("/").client("::1"))).isEqualTo(Exposure.INTERNAL);
    }

    @Test
    void addressesJustOutsidePrivateRangesArePublic() {
        assertThat(classify(Exchanges.get("/").client("172.32.0.1"))).isEqualTo(Exposure.PUBLIC);
        assertThat(classify(Exchanges.get("/").client("100.128.0.1"))).isEqualTo(Exposure.PUBLIC);
        assertThat(classify(Exchanges.get("/").client("2001:db8::1"))).isEqualTo(Exposure.PUBLIC);
    }

    @Test
    void forwardedChainIsInternalOnlyWhenEveryHopIsPrivate() {
        assertThat(classify(Exchanges.get("/")
                        .header("X-Forwarded-For", "10.0.0.1, 192.168.1.5")
                        .client("10.0.0.2")))
                .isEqualTo(Exposure.INTERNAL);
        assertThat(classify(Exchanges.get("/")
                        .header("X-Forwarded-For", "198.51.100.23, 10.0.0.1")
                        .client("10.0.0.2")))
                .isEqualTo(Exposure.PUBLIC);
        assertThat(classify(Exchanges.get("/")
                        .header("Forwarded", "for=\"[2001:db8:cafe::17]:4711\";proto=https")
                        .client("10.0.0.2")))
                .isEqualTo(Exposure.PUBLIC);
        assertThat(classify(Exchanges.get("/")
                        .header("Forwarded", "for=10.2.3.4;proto=http")
                        .client("10.0.0.2")))
                .isEqualTo(Exposure.INTERNAL);
    }

    @Test
    void privateForwardedForFromAPublicPeerIsNotTrusted() {
        assertThat(classify(
                        Exchanges.get("/").header("X-Forwarded-For", "10.0.0.1").client("203.0.113.50")))
                .isEqualTo(Exposure.PUBLIC);
    }

    @Test
    void hiddenHopIsNotProofOfAPrivateOrigin() {
        assertThat(classify(Exchanges.get("/")
                        .header("X-Forwarded-For", "unknown, 10.0.0.1")
                        .client("10.0.0.2")))
                .isEqualTo(Exposure.PUBLIC);
    }

    @Test
    void internalHostNamesAreInternalWhenNoOriginIsKnown() {
        assertThat(classify(Exchanges.get("/").host("orders.shop.svc.cluster.local")))
                .isEqualTo(Exposure.INTERNAL);
        assertThat(classify(Exchanges.get("/").host("localhost"))).isEqualTo(Exposure.INTERNAL);
        assertThat(classify(Exchanges.get("/").host("billing.internal"))).isEqualTo(Exposure.INTERNAL);
        assertThat(classify(Exchanges.get("/").host("10.20.0.7"))).isEqualTo(Exposure.INTERNAL);
        assertThat(classify(Exchanges.get("/").host("local.example.com"))).isEqualTo(Exposure.PUBLIC);
        assertThat(classify(Exchanges.get("/").host("internal.example.com"))).isEqualTo(Exposure.PUBLIC);
    }

    @Test
    void publicClientReachingAnInternalHostStaysPublic() {
        assertThat(classify(Exchanges.get("/admin").host("billing.internal").client("198.51.100.7")))
                .isEqualTo(Exposure.PUBLIC);
    }

    @Test
    void configuredPartnerHostsAndPathPrefixesArePartner() {
        ExposureClassifier c = new ExposureClassifier(ExposureConfig.defaults()
                .withPartnerHosts("partners.example.com")
                .withPartnerPathPrefixes("/partner/"));
        assertThat(c.classify(
                        Exchanges.get("/v1/x").host("partners.example.com").build(), NONE))
                .isEqualTo(Exposure.PARTNER);
        assertThat(c.classify(Exchanges.get("/partner/v1/shipments").build(), NONE))
                .isEqualTo(Exposure.PARTNER);
        assertThat(c.classify(Exchanges.get("/partner").build(), NONE)).isEqualTo(Exposure.PARTNER);
        assertThat(c.classify(Exchanges.get("/partnership/apply").build(), NONE))
                .isEqualTo(Exposure.PUBLIC);
        assertThat(c.classify(Exchanges.get("/v1/x").host("www.example.com").build(), NONE))
                .isEqualTo(Exposure.PUBLIC);
    }

    @Test
    void apiKeyCallersArePartnersButCookieKeysAreNot() {
        Exchange e = Exchanges.get("/v1/rates").client("198.51.100.7").build();
        assertThat(defaults.classify(e, auth(new AuthScheme.ApiKey(ParameterLocation.HEADER, "x-api-key"))))
                .isEqualTo(Exposure.PARTNER);
        assertThat(defaults.classify(e, auth(new AuthScheme.ApiKey(ParameterLocation.QUERY, "api_key"))))
                .isEqualTo(Exposure.PARTNER);
        assertThat(defaults.classify(e, auth(new AuthScheme.ApiKey(ParameterLocation.COOKIE, "api_key"))))
                .isEqualTo(Exposure.PUBLIC);
        assertThat(defaults.classify(e, auth(new AuthScheme.OpaqueBearer()))).isEqualTo(Exposure.PUBLIC);
    }

    @Test
    void internalAddressesOutrankPartnerSignals() {
        Exchange e = Exchanges.get("/v1/rates").client("10.0.0.9").build();
        assertThat(defaults.classify(e, auth(new AuthScheme.ApiKey(ParameterLocation.HEADER, "x-api-key"))))
                .isEqualTo(Exposure.INTERNAL);
    }

    @Test
    void forwardedClientCertificatesArePartner() {
        assertThat(classify(Exchanges.get("/").header("X-SSL-Client-Verify", "SUCCESS")))
                .isEqualTo(Exposure.PARTNER);
        assertThat(classify(Exchanges.get("/").header("X-Client-Cert", "-----BEGIN%20CERTIFICATE-----%0AMIIB")))
                .isEqualTo(Exposure.PARTNER);
        assertThat(classify(Exchanges.get("/")
                        .header("X-Forwarded-Client-Cert", "By=spiffe://cluster.local/ns/default/sa/api;Hash=abc")))
                .isEqualTo(Exposure.PARTNER);
    }

    @Test
    void absentOrFailedClientCertificatesAreNot() {
        assertThat(classify(Exchanges.get("/").header("X-SSL-Client-Verify", "NONE")))
                .isEqualTo(Exposure.PUBLIC);
        assertThat(classify(Exchanges.get("/").header("X-Client-Cert", ""))).isEqualTo(Exposure.PUBLIC);
        assertThat(classify(Exchanges.get("/").header("X-SSL-Client-DN", "(null)")))
                .isEqualTo(Exposure.PUBLIC);
        assertThat(classify(Exchanges.get("/")
                        .header("X-SSL-Client-Cert", "MIIB...")
                        .header("X-SSL-Client-Verify", "FAILED:certificate has expired")))
                .isEqualTo(Exposure.PUBLIC);
    }

    @Test
    void rejectsPartnerPathPrefixesThatAreNotPaths() {
        assertThatThrownBy(() -> new ExposureConfig(Set.of(), Set.of(), Set.of(), Set.of("partner")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with '/'");
    }
}
