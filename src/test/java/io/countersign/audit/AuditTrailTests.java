package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Writing: every auditable event becomes one chained row in the transaction of the change it records. */
@CountersignTest
@Import(AuditFixtures.class)
@TestPropertySource(properties = "countersign.audit.verify-batch-size=4")
class AuditTrailTests {

    @Autowired
    Api api;

    @Autowired
    AuditLog auditLog;

    @Autowired
    AuditedChanges changes;

    @Autowired
    AuditTables tables;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MutableClock clock;

    @Autowired
    PlatformTransactionManager transactionManager;

    @AfterEach
    void theChainStillVerifies() {
        assertThat(auditLog.verify().valid()).isTrue();
    }

    @Test
    void startingTheServiceRecordedTheFirstAdministratorAndItsToken() {
        var admin = eventsOf("system").stream()
                .filter(e -> "user:admin".equals(e.target()))
                .toList();

        assertThat(admin).extracting(AuditRecord::action).contains("user.created", "token.issued");
        assertThat(admin).allSatisfy(e -> {
            assertThat(e.channel()).isEqualTo("SYSTEM");
            assertThat(e.actorRole()).isEqualTo("SYSTEM");
        });
    }

    @Test
    void aChangeMadeThroughTheApiRecordsItsCallerChannelAndAddress() {
        String name = Api.unique("laptop");
        var issued = api.asAdmin()
                .post("/api/v1/users/admin/tokens", "{\"name\":\"" + name + "\"}")
                .expect(201)
                .json();

        AuditRecord event = eventsOf("admin").get(0);

        assertThat(event.action()).isEqualTo("token.issued");
        assertThat(event.target()).isEqualTo("user:admin");
        assertThat(event.actorRole()).isEqualTo("ADMIN");
        assertThat(event.channel()).isEqualTo("API");
        assertThat(event.sourceAddress()).isEqualTo("127.0.0.1");
        assertThat(event.note())
                .contains(issued.get("id").asString(), name)
                .doesNotContain(issued.get("token").asString());
    }

    @Test
    void everyFieldIsStoredAsPublishedWithTheTimeOfTheServiceClockToTheMicrosecond() {
        Instant now =
                clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).plusNanos(123_456_789);
        clock.set(now);
        String user = Api.unique("hank");
        var event = new SampleEvent(
                new Actor(user, Role.AUDITOR, Channel.SLACK, "2001:db8::7"),
                "request.approved",
                "request:req-abcdefgh",
                "fine by me",
                "req-abcdefgh",
                "grt-abcdefgh");

        changes.publish(event);

        AuditRecord stored = eventsOf(user).get(0);
        assertThat(stored.occurredAt()).isEqualTo(now.truncatedTo(ChronoUnit.MICROS));
        assertThat(stored)
                .extracting(
                        AuditRecord::actor,
                        AuditRecord::actorRole,
                        AuditRecord::channel,
                        AuditRecord::sourceAddress,
                        AuditRecord::action,
                        AuditRecord::target,
                        AuditRecord::requestId,
                        AuditRecord::grantId,
                        AuditRecord::note)
                .containsExactly(
                        user,
                        "AUDITOR",
                        "SLACK",
                        "2001:db8::7",
                        "request.approved",
                        "request:req-abcdefgh",
                        "req-abcdefgh",
                        "grt-abcdefgh",
                        "fine by me");
        assertThat(ChainHash.matches(stored)).isTrue();
    }

    @Test
    void eachEventFollowsTheHeadAndBecomesTheNewHead() {
        ChainHead before = tables.head();
        String user = Api.unique("ivan");

        changes.publish(
                SampleEvent.by(user).withAction("first.done"),
                SampleEvent.by(user).withAction("second.done"));

        List<AuditRecord> stored = new ArrayList<>(eventsOf(user));
        Collections.reverse(stored);
        assertThat(stored).extracting(AuditRecord::id).containsExactly(before.lastId() + 1, before.lastId() + 2);
        assertThat(stored).extracting(AuditRecord::action).containsExactly("first.done", "second.done");
        assertThat(stored.get(0).previousHash()).isEqualTo(before.lastHash());
        assertThat(stored.get(1).previousHash()).isEqualTo(stored.get(0).hash());
        assertThat(tables.head())
                .isEqualTo(new ChainHead(before.lastId() + 2, stored.get(1).hash()));
    }

    @Test
    void aMissingValueIsStoredAsNullAndAnEmptyOneAsEmpty() {
        String user = Api.unique("judy");
        var event =
                new SampleEvent(new Actor(user, Role.USER, Channel.WEB, null), "sample.changed", "", null, "", null);

        changes.publish(event);

        AuditRecord stored = eventsOf(user).get(0);
        assertThat(stored.sourceAddress()).isNull();
        assertThat(stored.note()).isNull();
        assertThat(stored.grantId()).isNull();
        assertThat(stored.target()).isEmpty();
        assertThat(stored.requestId()).isEmpty();
    }

    @Test
    void anOverlongNoteIsStoredCutToTheColumnAndTheChainStillVerifies() {
        String user = Api.unique("kate");

        changes.publish(SampleEvent.by(user).withNote("z".repeat(10_000)));

        assertThat(eventsOf(user).get(0).note())
                .hasSize(AuditDraft.TEXT_MAX_LENGTH)
                .endsWith("\u2026");
    }

    @Test
    void anEventPublishedOutsideATransactionIsRefusedAndNotWritten() {
        String user = Api.unique("leo");
        long before = tables.count();

        assertThatThrownBy(() -> publisher.publishEvent(SampleEvent.by(user)))
                .isInstanceOf(IllegalTransactionStateException.class);

        assertThat(tables.count()).isEqualTo(before);
        assertThat(eventsOf(user)).isEmpty();
    }

    @Test
    void whenTheAuditRowCannotBeWrittenTheChangeItRecordsIsRolledBack() {
        String level = Api.unique("rank");
        String refused = Api.unique("mia");
        ChainHead head = tables.head();
        long unsealed = tables.journalSize();
        // the database refuses this one actor's journal entries, as it would refuse any row it cannot store
        tables.refuseJournalEntriesOf(refused);
        try {
            assertThatThrownBy(() -> changes.createLevelAndPublish(level, SampleEvent.by(refused)))
                    .isInstanceOf(DataAccessException.class);

            assertThat(changes.levelExists(level)).isFalse();
            assertThat(tables.journalSize()).isEqualTo(unsealed);
            assertThat(tables.head()).isEqualTo(head);
        } finally {
            tables.acceptAllJournalEntries();
        }
    }

    @Test
    void anEventThatCannotBeAuditedRefusesTheChange() {
        String level = Api.unique("rank");
        var unfit = SampleEvent.by(Api.unique("nina")).withTarget("t".repeat(301));

        assertThatThrownBy(() -> changes.createLevelAndPublish(level, unfit))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("target");

        assertThat(changes.levelExists(level)).isFalse();
    }

    @Test
    void aTransactionThatRollsBackLeavesNoEventAndTheHeadWhereItWas() {
        ChainHead head = tables.head();
        String user = Api.unique("olga");

        transactions.executeWithoutResult(tx -> {
            publisher.publishEvent(SampleEvent.by(user));
            tx.setRollbackOnly();
        });

        assertThat(eventsOf(user)).isEmpty();
        assertThat(tables.head()).isEqualTo(head);
    }

    @Test
    void theEventsOfNestedWorkRolledBackToItsSavepointAreDroppedAndEveryOtherIsKept() {
        String user = Api.unique("pia");
        TransactionTemplate nested = new TransactionTemplate(transactionManager);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);

        transactions.executeWithoutResult(tx -> {
            publisher.publishEvent(SampleEvent.by(user).withNote("before"));
            nested.executeWithoutResult(inner -> {
                publisher.publishEvent(SampleEvent.by(user).withNote("undone"));
                inner.setRollbackOnly();
            });
            nested.executeWithoutResult(
                    inner -> publisher.publishEvent(SampleEvent.by(user).withNote("kept from inside")));
            publisher.publishEvent(SampleEvent.by(user).withNote("after"));
        });
        // the first event of the transaction comes from work that is then undone
        transactions.executeWithoutResult(tx -> {
            nested.executeWithoutResult(inner -> {
                publisher.publishEvent(SampleEvent.by(user).withNote("undone first"));
                // written before the rollback: the database undoes it
                inner.flush();
                publisher.publishEvent(SampleEvent.by(user).withNote("undone after a flush"));
                inner.setRollbackOnly();
            });
            publisher.publishEvent(SampleEvent.by(user).withNote("kept alone"));
        });

        assertThat(eventsOf(user))
                .extracting(AuditRecord::note)
                .containsExactlyInAnyOrder("before", "kept from inside", "after", "kept alone");
    }

    @Test
    void theEventsOfOneTransactionAreChainedInTheOrderTheyWerePublished() {
        String user = Api.unique("quin");

        changes.publish(
                SampleEvent.by(user).withNote("one"),
                SampleEvent.by(user).withNote("two"),
                SampleEvent.by(user).withNote("three"));

        List<AuditRecord> chained = new ArrayList<>(eventsOf(user));
        chained.sort(java.util.Comparator.comparingLong(AuditRecord::id));
        assertThat(chained).extracting(AuditRecord::note).containsExactly("one", "two", "three");
    }

    private List<AuditRecord> eventsOf(String actor) {
        return auditLog.query(new AuditQuery(null, actor, null, null, null, null, AuditQuery.MAX_LIMIT))
                .items();
    }
}
