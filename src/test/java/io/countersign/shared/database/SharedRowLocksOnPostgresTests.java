package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.countersign.directory.Directory;
import io.countersign.inventory.Inventory;
import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On PostgreSQL, requests and decisions resting on the same requester or resource do not wait for
 * each other, while an offboarding or a change to the resource still waits for them; and batched inserts reach the server as
 * multi-row statements, on the request pool and on the dedicated pools alike.
 */
@CountersignTest
@OnPostgres
class SharedRowLocksOnPostgresTests {

    @Autowired
    DataSource dataSource;

    @Autowired
    DedicatedPools pools;

    @Autowired
    Directory directory;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessSetup setup;

    @Autowired
    Inventory inventory;

    @Test
    void twoHoldersOfAUsersLockProceedTogetherAndADeactivationWaitsForBoth() throws Exception {
        String username = Api.unique("holder");
        setup.tokenForNewUser(username, "USER");
        String id = directory.idOf(username).orElseThrow();
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            boolean active = directory.lockActive(id);
            locked.countDown();
            await(release);
            return active;
        }));
        try {
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            // a second request or decision on the same requester: not held up by the first
            Boolean second = transactions.execute(status -> {
                jdbc.sql("set local lock_timeout = '5s'").update();
                return directory.lockActive(id);
            });
            assertThat(second).isTrue();
            // an offboarding is: it cannot change the row until the first commits
            assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                        jdbc.sql("set local lock_timeout = '200ms'").update();
                        jdbc.sql("update users set active = false where id = ?")
                                .param(id)
                                .update();
                    }))
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("lock");
        } finally {
            release.countDown();
        }
        assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(jdbc.sql("select active from users where id = ?")
                        .param(id)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void twoHoldersOfAResourceProceedTogetherWithoutWritingItsRowAndEveryWriterWaitsForBoth() throws Exception {
        String resource = Api.unique("held");
        setup.database(resource, "admin");
        // the accounts' foreign keys left a lock stamp of their own
        String stampBefore = stamp(resource);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            inventory.lockResource(resource);
            locked.countDown();
            await(release);
        }));
        try {
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            transactions.executeWithoutResult(status -> {
                jdbc.sql("set local lock_timeout = '5s'").update();
                inventory.lockResource(resource);
                // a shared row lock would have stamped the row (and with two holders, a multixact)
                assertThat(stamp(resource)).isEqualTo(stampBefore);
            });
            // any writer of the row waits, however it writes it: the table's trigger takes the lock
            for (String write : List.of(
                    "update resources set version = version + 1 where name = ?",
                    "delete from resources where name = ?")) {
                assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                            jdbc.sql("set local lock_timeout = '200ms'").update();
                            jdbc.sql(write).param(resource).update();
                        }))
                        .isInstanceOf(DataAccessException.class)
                        .hasMessageContaining("lock");
            }
        } finally {
            release.countDown();
        }
        first.get(30, TimeUnit.SECONDS);
        assertThat(inventory.findResource(resource)).isPresent();
        // once the holder is gone, the writer goes ahead
        transactions.executeWithoutResult(status -> {
            jdbc.sql("set local lock_timeout = '5s'").update();
            jdbc.sql("delete from resources where name = ?").param(resource).update();
        });
        assertThat(inventory.findResource(resource)).isEmpty();
    }

    @Test
    void batchedInsertsAreRewrittenOnEveryPool() throws Exception {
        assertThat(rewrites(dataSource)).isTrue();
        try (HikariDataSource dedicated = pools.create("rewrite-probe", 1)) {
            assertThat(rewrites(dedicated)).isTrue();
        }
    }

    /** The transaction or multixact that last locked or changed the resource's row. */
    private String stamp(String resource) {
        return jdbc.sql("select xmax::text from resources where name = ?")
                .param(resource)
                .query(String.class)
                .single();
    }

    private static boolean rewrites(DataSource pool) throws Exception {
        try (Connection connection = pool.getConnection()) {
            return connection.unwrap(BaseConnection.class).getQueryExecutor().isReWriteBatchedInsertsEnabled();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the lock");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
