package io.countersign.mail.internal.inbound;

import io.countersign.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The right to watch the reply folder, held by one instance at a time through a row in the shared
 * database: the holder renews it while it watches; when it stops renewing (it crashed or lost the
 * database), another instance takes it once it has expired.
 */
@Component
class WatchLease {

    private static final String NAME = "reply-folder";

    private final JdbcClient jdbc;
    private final Clock clock;

    WatchLease(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Takes or renews the lease for {@code holder}; false while another instance holds it. */
    boolean acquire(String holder, Duration duration) {
        Instant now = clock.instant();
        int updated = jdbc.sql(
                        "update mail_watch_lease set holder = ?, expires_at = ? where name = ? and (holder = ? or expires_at <= ?)")
                .params(holder, Timestamps.toDb(now.plus(duration)), NAME, holder, Timestamps.toDb(now))
                .update();
        if (updated == 1) {
            return true;
        }
        try {
            return jdbc.sql("insert into mail_watch_lease (name, holder, expires_at) values (?, ?, ?)")
                            .params(NAME, holder, Timestamps.toDb(now.plus(duration)))
                            .update()
                    == 1;
        } catch (DuplicateKeyException heldByAnother) {
            return false;
        }
    }

    /** Lets another instance take over at once, when this one stops watching in an orderly way. */
    void release(String holder) {
        jdbc.sql("update mail_watch_lease set expires_at = ? where name = ? and holder = ?")
                .params(Timestamps.toDb(clock.instant()), NAME, holder)
                .update();
    }
}
