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
