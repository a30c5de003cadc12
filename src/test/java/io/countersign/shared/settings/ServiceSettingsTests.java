package io.countersign.shared.settings;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ServiceSettingsTests {

    @Test
    void aDatabasePoolWithoutConnectionsIsRefusedByItsVariable() {
        assertThatThrownBy(() -> check(Map.of("spring.datasource.hikari.maximum-pool-size", "0")))
                .hasMessageEndingWith(
                        "COUNTERSIGN_DB_POOL_SIZE (spring.datasource.hikari.maximum-pool-size) must be at least 1.");
    }

    @Test
    void aConnectionWaitTheDatabasePoolWouldTakeAsForeverIsRefused() {
        assertThatThrownBy(() -> check(Map.of("spring.datasource.hikari.connection-timeout", "100")))
                .hasMessageEndingWith(
                        "COUNTERSIGN_DB_CONNECTION_TIMEOUT_MS (spring.datasource.hikari.connection-timeout)"
                                + " must be at least 250.");
    }

    @Test
    void trustedProxiesTomcatCannotReadAreRefusedByTheirVariableWithTomcatsReason() {
        assertThatThrownBy(() -> check(Map.of("server.tomcat.remoteip.internal-proxies", "(")))
                .hasMessageEndingWith(
                        "SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES (server.tomcat.remoteip.internal-proxies)"
                                + " must be a regular expression or a comma-separated list of CIDR ranges, e.g. 10\\.0\\.3\\.7"
                                + " or 10.0.3.0/24 (Unclosed group).");
        assertThatThrownBy(() -> check(Map.of("server.tomcat.remoteip.trusted-proxies", "10.0.0.0/99")))
                .hasMessageContaining("SERVER_TOMCAT_REMOTEIP_TRUSTED_PROXIES (server.tomcat.remoteip.trusted-proxies)")
                .hasMessageEndingWith("(One or more netmasks provided are invalid: 10.0.0.0/99: The CIDR [99] is"
                        + " greater than the address length [32]).");
    }

    @Test
    void trustedProxiesListedAsBareAddressesAreRefusedWithTheRangesToWriteInstead() {
        // Tomcat reads a value without a '/' as one pattern, which no address matches once it holds a comma
        assertThatThrownBy(() -> check(Map.of("server.tomcat.remoteip.internal-proxies", "10.0.3.7, 10.0.3.8")))
                .hasMessageEndingWith(
                        "SERVER_TOMCAT_REMOTEIP_INTERNAL_PROXIES (server.tomcat.remoteip.internal-proxies) lists"
                                + " addresses without a '/', which is read as one regular expression that matches"
                                + " none of them: write each as a CIDR range, e.g. 10.0.3.7/32,10.0.3.8/32.");
        assertThatThrownBy(() -> check(Map.of("server.tomcat.remoteip.trusted-proxies", "fd00::7,10.0.3.8")))
                .hasMessageContaining("SERVER_TOMCAT_REMOTEIP_TRUSTED_PROXIES (server.tomcat.remoteip.trusted-proxies)")
                .hasMessageEndingWith("e.g. fd00::7/128,10.0.3.8/32.");
    }

    @Test
    void trustedProxiesListingOneBareAddressAmongRangesOrAsAPatternPass() {
        assertThatCode(() -> check(Map.of(
                        "server.tomcat.remoteip.internal-proxies", "10.0.3.7",
                        "server.tomcat.remoteip.trusted-proxies", "10.0.3.0/24, 10.0.4.7")))
                .doesNotThrowAnyException();
        assertThatCode(() -> check(Map.of("server.tomcat.remoteip.internal-proxies", "10\\.0\\.3\\.[0-9]{1,3}")))
                .doesNotThrowAnyException();
    }

    @Test
    void trustedProxiesGivenAsAPatternOrAsRangesPass() {
        assertThatCode(() -> check(Map.of(
                        "server.tomcat.remoteip.internal-proxies", "10\\.0\\.3\\.7",
                        "server.tomcat.remoteip.trusted-proxies", "10.0.3.0/24, 192.168.0.0/16")))
                .doesNotThrowAnyException();
    }

    @Test
    void theDefaultsAndUnsetSettingsPass() {
        assertThatCode(() -> check(Map.of(
                        "spring.datasource.hikari.maximum-pool-size", "20",
                        "spring.datasource.hikari.connection-timeout", "5000",
                        "spring.lifecycle.timeout-per-shutdown-phase", "20s")))
                .doesNotThrowAnyException();
        assertThatCode(() -> check(Map.of())).doesNotThrowAnyException();
    }

    private static void check(Map<String, String> settings) {
        ServiceSettings.check(new Binder(new MapConfigurationPropertySource(settings)));
    }
}
