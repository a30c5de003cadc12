package io.countersign.mail.internal.inbound;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the application wires around the reader, here as test doubles backed by the real database. */
@TestConfiguration(proxyBeanMethods = false)
class MailTestConfiguration {

    @Bean
    TestMailSettings testMailSettings() {
        return new TestMailSettings();
    }

    @Bean
    TokenTableDecider tokenTableDecider(JdbcClient jdbc) {
        return new TokenTableDecider(jdbc);
    }

    @Bean
    RecordedRefusals recordedRefusals() {
        return new RecordedRefusals();
    }
}
