package io.countersign.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.ObservationFilterChainDecorator;
import org.springframework.test.util.ReflectionTestUtils;

/** Monitoring scrapes the service's own metrics in the Prometheus text format. */
@CountersignTest
class MetricsScrapeTests {

    @Autowired
    Api api;

    @Autowired
    ObservationRegistry observations;

    @Autowired
    FilterChainProxy securityFilters;

    @Test
    void anAdministratorScrapesCountersignMetricsInThePrometheusFormat() {
        Api.Response scrape = api.asAdmin()
                .call(HttpMethod.GET, "/actuator/prometheus", null, "Accept", "text/plain")
                .expect(200);

        assertThat(scrape.contentType()).startsWith("text/plain");
        assertThat(scrape.body()).contains("countersign_requests_waiting");
    }

    @Test
    void securityFiltersAreNotObservedOneByOneButCallsStillAre() {
        // an observation per security filter on every access check costs more than the check itself
        assertThat(Observation.start("spring.security.filterchains", observations)
                        .isNoop())
                .isTrue();
        assertThat(Observation.start("spring.security.authorizations", observations)
                        .isNoop())
                .isTrue();
        assertThat(Observation.start("http.server.requests", observations).isNoop())
                .isFalse();
        // nor is each filter wrapped in an observing decorator on every call
        assertThat(ReflectionTestUtils.getField(securityFilters, "filterChainDecorator"))
                .isNotInstanceOf(ObservationFilterChainDecorator.class);
    }
}
