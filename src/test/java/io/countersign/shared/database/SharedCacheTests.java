package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;
import org.springframework.transaction.support.TransactionTemplate;

/** A shared cache reads again after any change it hears of, and keeps nothing that may be older. */
class SharedCacheTests {

    final DatabaseNotifications notifications = new DatabaseNotifications(
            new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:mem:cache"), null, null);
    final SharedCache<String, Integer> cache =
            new SharedCaches(notifications, null).create("things", Duration.ofHours(1));
    final AtomicInteger reads = new AtomicInteger();

    @AfterEach
    void endTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    Integer read(String key) {
        return cache.get(key, k -> reads.incrementAndGet());
    }

    @Test
    void aValueIsReadOnceUntilAnInstanceTellsOfAChange() {
        assertThat(read("a")).isEqualTo(1);
        assertThat(read("a")).isEqualTo(1);

        notifications.dispatch("things", "");

        assertThat(read("a")).isEqualTo(2);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aNewListeningConnectionForgetsWhatNotificationsLostMeanwhileMayHaveChanged() {
        read("a");

        notifications.startedListening();

        read("a");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aValueReadWhileAChangeCommitsIsNotKept() {
        cache.get("a", k -> {
            notifications.dispatch("things", "");
            return 0;
        });

        read("a");
        read("a");
        assertThat(reads).hasValue(1);
    }

    @Test
    void theChangingTransactionReadsWhatItWroteNeverSharesItAndItsEndForgetsEverything() {
        read("a");
        TransactionSynchronizationManager.initSynchronization();
        cache.changed();

        // what is kept is from before the change: the changing transaction reads its own
        read("a");
        read("b");
        read("b");
        assertThat(reads).hasValue(4);
        TransactionSynchronizationUtils.invokeAfterCompletion(
                TransactionSynchronizationManager.getSynchronizations(), TransactionSynchronization.STATUS_COMMITTED);
        TransactionSynchronizationManager.clearSynchronization();

        read("a");
        read("a");
        assertThat(reads).hasValue(5);
    }

    @Test
    void nothingIsKeptWhereTheLoaderFoundNothing() {
        assertThat(cache.get("a", k -> {
                    reads.incrementAndGet();
                    return null;
                }))
                .isNull();

        assertThat(read("a")).isEqualTo(2);
        assertThat(read("a")).isEqualTo(2);
    }

    @Test
    void aValueOlderThanTheMaximumAgeIsReadAgain() {
        SharedCache<String, Integer> young = new SharedCaches(notifications, null).create("young", Duration.ZERO);

        young.get("a", k -> reads.incrementAndGet());
        young.get("a", k -> reads.incrementAndGet());

        assertThat(reads).hasValue(2);
    }

    @Test
    void aTransactionStartedWhileAnotherIsSuspendedHasItsOwnMapAndItsOwnChanges() {
        TransactionTemplate outer = new TransactionTemplate(
                new DataSourceTransactionManager(new DriverManagerDataSource("jdbc:h2:mem:suspended")));
        TransactionTemplate inner = new TransactionTemplate(outer.getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        TransactionCache<String, String> seen = new TransactionCache<>("seen");
        read("a");

        outer.executeWithoutResult(status -> {
            seen.map().put("dev", "outer");
            cache.changed();
            inner.executeWithoutResult(nested -> {
                assertThat(seen.map()).isEmpty();
                seen.map().put("dev", "inner");
                // the outer change is not this transaction's: what is kept is still good here
                read("a");
                assertThat(reads).hasValue(1);
                cache.changed();
                read("a");
                assertThat(reads).hasValue(2);
            });
            // the inner change committed and was forgotten; the outer one still reads its own
            assertThat(seen.map()).containsEntry("dev", "outer");
            read("a");
            assertThat(reads).hasValue(3);
        });

        read("a");
        read("a");
        assertThat(reads).hasValue(4);
    }

    @Test
    void aTransactionRemembersWhatItReadUntilItEndsOrRollsBackToASavepoint() {
        TransactionCache<String, String> seen = new TransactionCache<>("seen");
        seen.map().put("outside", "forgotten");
        assertThat(seen.map()).isEmpty();
        TransactionSynchronizationManager.initSynchronization();

        seen.map().put("dev", "usr-1");
        assertThat(seen.map()).containsEntry("dev", "usr-1");
        TransactionSynchronizationManager.getSynchronizations().forEach(s -> s.savepointRollback(new Object()));
        assertThat(seen.map()).isEmpty();

        seen.map().put("dev", "usr-1");
        TransactionSynchronizationUtils.invokeAfterCompletion(
                TransactionSynchronizationManager.getSynchronizations(), TransactionSynchronization.STATUS_COMMITTED);
        assertThat(seen.map()).isEmpty();
    }
}
