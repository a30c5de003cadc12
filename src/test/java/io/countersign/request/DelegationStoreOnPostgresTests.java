package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.ShortIds;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import io.countersign.testing.OnPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delegations in force, kept in memory on PostgreSQL, answer as the database does: a change is
 * seen by the next question, and past the most it keeps the store asks the database's indexes.
 */
@OnPostgres
@CountersignTest
class DelegationStoreOnPostgresTests {

    @Autowired
    DelegationStore store;

    @Autowired
    MutableClock clock;

    @Autowired
    PlatformTransactionManager transactionManager;

    private Delegation delegation(String delegator, String delegate) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return new Delegation(
                ShortIds.next("dlg"),
                new Participant(ShortIds.next("usr"), delegator),
                new Participant(ShortIds.next("usr"), delegate),
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofHours(1)),
                List.of(),
                null);
    }

    private void inOneTransaction(Runnable work) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> work.run());
    }

    private List<String> idsTo(Delegation d) {
        return store.inForceTo(d.delegate().id(), clock.instant()).stream()
                .map(Delegation::id)
                .toList();
    }

    private List<String> idsFrom(Delegation d) {
        return store.inForceFrom(List.of(d.delegator().id()), clock.instant()).stream()
                .map(Delegation::id)
                .toList();
    }

    @Test
    void aDelegationStartedOrEndedIsTheAnswerOfTheNextQuestion() {
        Delegation other = delegation("tom", "eve");
        inOneTransaction(() -> store.insert(other, "tom", clock.instant()));
        assertThat(idsTo(other)).containsExactly(other.id());
        Delegation lisas = delegation("lisa", "sam");

        inOneTransaction(() -> store.insert(lisas, "lisa", clock.instant()));
        assertThat(idsTo(lisas)).containsExactly(lisas.id());
        assertThat(idsFrom(lisas)).containsExactly(lisas.id());

        inOneTransaction(() -> store.end(lisas.id(), clock.instant()));
        assertThat(idsTo(lisas)).isEmpty();
        assertThat(idsFrom(lisas)).isEmpty();
        inOneTransaction(() -> store.end(other.id(), clock.instant()));
    }

    @Test
    void aDelegationPastItsEndIsNotInForceThoughNothingChanged() {
        Delegation lisas = delegation("lisa", "sam");
        inOneTransaction(() -> store.insert(lisas, "lisa", clock.instant()));
        assertThat(idsTo(lisas)).containsExactly(lisas.id());

        clock.advance(Duration.ofHours(2));

        assertThat(idsTo(lisas)).isEmpty();
        assertThat(idsFrom(lisas)).isEmpty();
    }

    @Test
    void pastTheMostItKeepsItAnswersFromTheDatabaseAllTheSame() {
        List<Delegation> others = new ArrayList<>();
        for (int i = 0; i <= DelegationStore.KEPT_AT_MOST; i++) {
            others.add(delegation("lead" + i, "deputy" + i));
        }
        // written after the others: a store that kept only the first rows it read would miss it
        Delegation lisas = delegation("lisa", "sam");
        inOneTransaction(() -> {
            others.forEach(d -> store.insert(d, "admin", clock.instant()));
            store.insert(lisas, "lisa", clock.instant());
        });
        try {
            assertThat(idsTo(lisas)).containsExactly(lisas.id());
            assertThat(idsFrom(lisas)).containsExactly(lisas.id());
        } finally {
            inOneTransaction(() -> {
                others.forEach(d -> store.end(d.id(), clock.instant()));
                store.end(lisas.id(), clock.instant());
            });
        }
    }
}
