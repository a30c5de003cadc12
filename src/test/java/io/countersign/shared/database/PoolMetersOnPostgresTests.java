package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * Each connection pool the README names is scraped under its name: the pool of calls as {@code main},
 * and the audit sealer's and the notification listener's pools, which a starved pool shows first.
 */
@CountersignTest
@OnPostgres
class PoolMetersOnPostgresTests {

    @Autowired
    Api api;

    @Test
    void everyPoolIsScrapedUnderItsName() {
        String scrape = api.asAdmin()
                .call(HttpMethod.GET, "/actuator/prometheus", null, "Accept", "text/plain")
                .expect(200)
                .body();

        assertThat(scrape)
                .contains("hikaricp_connections{pool=\"main\"")
                .contains("hikaricp_connections{pool=\"audit-sealer\"")
                .contains("hikaricp_connections{pool=\"notifications\"")
                .doesNotContain("pool=\"HikariPool-");
    }
}
