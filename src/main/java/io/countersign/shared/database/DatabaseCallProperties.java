package io.countersign.shared.database;

import io.countersign.shared.settings.Setting;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on the calls that must answer fast even when the database does not (the access check,
 * token look-ups, a page's signed-in user check, the readiness probe): each waits at most {@code timeout}, at most {@code threads} run at once and
 * at most {@code queue} more wait for a thread; beyond that the call is refused at once.
 *
 * @param timeout longest wait of the access check, token look-ups, a page's signed-in user check and the
 *     readiness probe for their query
 * @param threads how many of those queries run at once, on a pool of their own
 * @param queue how many more wait for a thread before further calls are refused at once
 * @param retryAfter how long, after one of those queries found the database out of reach, further ones
 *     are refused at once before one tries it again
 */
@ConfigurationProperties("countersign.database.bounded-calls")
public record DatabaseCallProperties(
        @DefaultValue("600ms") Duration timeout,
        @DefaultValue("16") int threads,
        @DefaultValue("256") int queue,
        @DefaultValue("1s") Duration retryAfter) {

    public DatabaseCallProperties {
        Setting.of("countersign.database.bounded-calls.timeout").requirePositive(timeout);
        Setting.of("countersign.database.bounded-calls.retry-after").requireNotNegative(retryAfter);
        Setting.of("countersign.database.bounded-calls.threads").requireAtLeast(1, threads);
        Setting.of("countersign.database.bounded-calls.queue").requireNotNegative(queue);
    }
}
