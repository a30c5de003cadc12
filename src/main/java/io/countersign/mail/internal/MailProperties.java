package io.countersign.mail.internal;

import io.countersign.shared.settings.Setting;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mail connection limits ({@code countersign.mail.*}): a server that stops answering must hold a
 * sender or the settings test for a bounded time only.
 *
 * @param connectTimeout how long to wait for a TCP connection
 * @param timeout how long to wait for each read or write once connected
 */
@ConfigurationProperties("countersign.mail")
public record MailProperties(
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration timeout) {

    public MailProperties {
        Setting.of("countersign.mail.connect-timeout").requirePositive(connectTimeout);
        Setting.of("countersign.mail.timeout").requirePositive(timeout);
    }
}
