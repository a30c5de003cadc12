package io.countersign.request;

import io.countersign.shared.database.DatabaseProduct;
import io.countersign.shared.database.DatabaseUnavailableException;
import io.countersign.shared.database.NotificationFence;
import io.countersign.shared.database.Pipelined;
import io.countersign.shared.database.TransactionCache;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Orders what places approvers from the directory (a request's creation) against what takes approvers
 * out of requests (a deactivation, a deletion, a role that does not approve; docs/adr/0046). Creations
 * hold it shared and do not wait for each other; an offboarding takes it exclusively before it looks
 * for the requests to change, so that it waits for the creations in flight and finds their requests,
 * and a creation that comes after it reads the person as gone. On PostgreSQL it is an advisory lock,
 * which writes nothing; on H2 the lock of the one row that counts departures.
 */
@Component
class ApproverHold {

    private static final int KEY = 0x41505052;

    private final JdbcClient jdbc;
    private final DatabaseProduct product;
    private final NotificationFence fence;
    private final TransactionCache<String, Boolean> departed = new TransactionCache<>("approvers departed");
    // the last departure this instance's cached view of the directory is known to cover
    private final AtomicLong covered = new AtomicLong();

    ApproverHold(JdbcClient jdbc, DatabaseProduct product, NotificationFence fence) {
        this.jdbc = jdbc;
        this.product = product;
        this.fence = fence;
    }

    /**
     * The shared hold, as a statement for a creation's locking round trip, after the requester's row
     * (docs/adr/0008); it answers how many departures committed before it was granted.
     */
    Pipelined<Long> shared() {
        return product.postgres()
                ? Pipelined.query("select hold_approvers()", List.of(), ApproverHold::count)
                : Pipelined.query(
                        "select departures from approver_departures where id = 1 for update",
                        List.of(),
                        ApproverHold::count);
    }

    /**
     * Called with what {@link #shared} answered, before the directory is read: when a departure committed
     * since this instance last made sure, waits until its caches have heard of it (one fence, shared by
     * every creation waiting at once), so that the person who left is read as gone.
     *
     * @throws DatabaseUnavailableException when a connection listens but the fence does not come back
     *     in time: the caches may predate the departure, so the creation is refused and its transaction
     *     changes nothing; the next one waits for a fence again
     */
    void readCurrent(long departures) {
        long known = covered.get();
        if (departures <= known) {
            return;
        }
        if (fence.available() && !fence.await()) {
            throw new DatabaseUnavailableException(
                    "the directory could not be made sure to cover a recent offboarding in time");
        }
        // without a listener the fresh caches read the database; with one, the fence covers the departure
        covered.accumulateAndGet(departures, Math::max);
    }

    /** The exclusive hold, once per transaction, taken by an offboarding before it looks for requests. */
    void exclusive() {
        if (departed.map().putIfAbsent("held", Boolean.TRUE) != null) {
            return;
        }
        if (product.postgres()) {
            jdbc.sql("select pg_advisory_xact_lock(?, 0)").param(KEY).query(ResultSet::next);
        }
        jdbc.sql("update approver_departures set departures = departures + 1 where id = 1")
                .update();
    }

    private static Long count(ResultSet rs) throws SQLException {
        return rs.next() ? rs.getLong(1) : 0L;
    }
}
