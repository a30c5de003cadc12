package io.countersign.notify.internal;

import io.countersign.shared.settings.Setting;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery settings ({@code countersign.notify.webhooks.*}). The defaults retry for a day:
 * 10 s, 20 s, 40 s … then hourly.
 *
 * @param initialBackoff wait before the first retry of a failed delivery; doubled on each further one;
 *     at most {@code max-backoff} (a longer one refuses the start)
 * @param maxBackoff longest wait between two retries
 * @param retryFor how long a delivery is retried before it is given up as dead
 * @param connectTimeout how long to wait for a TCP/TLS connection
 * @param readTimeout how long to wait for the answer's status line once connected
 * @param batchSize deliveries taken per run of a channel's delivery task
 * @param threads deliveries of one channel sent in parallel (each channel, webhooks included, has its own)
 * @param retention how long delivered events are kept for the deliveries list
 */
@ConfigurationProperties("countersign.notify.webhooks")
public record WebhookProperties(
        @DefaultValue("10s") Duration initialBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("24h") Duration retryFor,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("100") int batchSize,
        @DefaultValue("8") int threads,
        @DefaultValue("30d") Duration retention) {

    public WebhookProperties {
        Setting.of("countersign.notify.webhooks.initial-backoff").requirePositive(initialBackoff);
        Setting.of("countersign.notify.webhooks.max-backoff").requirePositive(maxBackoff);
        Setting.of("countersign.notify.webhooks.initial-backoff")
                .requireAtMost(Setting.of("countersign.notify.webhooks.max-backoff"), maxBackoff, initialBackoff);
        Setting.of("countersign.notify.webhooks.retry-for").requirePositive(retryFor);
        Setting.of("countersign.notify.webhooks.connect-timeout").requirePositive(connectTimeout);
        Setting.of("countersign.notify.webhooks.read-timeout").requirePositive(readTimeout);
        Setting.of("countersign.notify.webhooks.retention").requirePositive(retention);
        Setting.of("countersign.notify.webhooks.batch-size").requireAtLeast(1, batchSize);
        Setting.of("countersign.notify.webhooks.threads").requireAtLeast(1, threads);
    }

    public RetrySchedule retrySchedule() {
        return new RetrySchedule(initialBackoff, maxBackoff, retryFor);
    }
}
