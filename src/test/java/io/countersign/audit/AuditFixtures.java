package io.countersign.audit;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the audit tests add to the application: a transactional service that stands in for the other
 * modules, and direct access to the audit tables for inspecting and tampering with them.
 */
@TestConfiguration(proxyBeanMethods = false)
class AuditFixtures {

    @Bean
    AuditedChanges auditedChanges(JdbcClient jdbc, ApplicationEventPublisher events) {
        return new AuditedChanges(jdbc, events);
    }

    @Bean
    AuditTables auditTables(JdbcClient jdbc) {
        return new AuditTables(jdbc);
    }
}
