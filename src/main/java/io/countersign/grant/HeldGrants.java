package io.countersign.grant;

import io.countersign.shared.Timestamps;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How many grants a user holds that deactivating them would revoke, for the page that asks first. */
@Component
public class HeldGrants {

    private final JdbcClient jdbc;
    private final Clock clock;

    HeldGrants(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The grants not revoked and not yet over, as {@link GrantWithdrawals} would revoke them now. */
    public int unendedOf(String userId) {
        return jdbc.sql("select count(*) from grants where holder_id = ? and status <> 'REVOKED' and ends_at > ?")
                .params(userId, Timestamps.toDb(clock.instant()))
                .query(Integer.class)
                .single();
    }
}
