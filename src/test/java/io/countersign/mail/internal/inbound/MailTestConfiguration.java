package io.countersign.mail.internal.inbound;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the application wires around the reader, here as test doubles backed by the real database;
 * primary, so that they stand in for the application's own.
 */
@TestConfiguration(proxyBeanMethods = false)
class MailTestConfiguration {

    @Bean
    @Primary
    TestMailSettings testMailSettings(ObjectProvider<MailboxWatcher> watcher) {
        return new TestMailSettings(watcher);
    }

    @Bean
    @Primary
    TokenTableDecider tokenTableDecider(JdbcClient jdbc) {
        return new TokenTableDecider(jdbc);
    }

    @Bean
    @Primary
    RecordedRefusals recordedRefusals() {
        return new RecordedRefusals();
    }
}
