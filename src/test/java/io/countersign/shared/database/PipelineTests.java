package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Statements sent together run in order, as if sent one by one; last writes land before the commit or not at all. */
@CountersignTest
class PipelineTests {

    @Autowired
    Pipeline pipeline;

    @Autowired
    CommitWrites commitWrites;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    TransactionTemplate transactions;

    @BeforeEach
    void table() {
        jdbc.execute("create table if not exists pipeline_probe (name varchar(40) primary key, note varchar(40))");
        jdbc.update("delete from pipeline_probe");
        transactions = new TransactionTemplate(transactionManager);
    }

    @Test
    void eachStatementSeesWhatTheOnesBeforeItChangedAndAnswersInOrder() {
        Pipelined<Integer> first = insert("one", null);
        Pipelined<Integer> second = insert("two", "noted");
        Pipelined<Integer> renamed =
                Pipelined.change("update pipeline_probe set note = ? where note is null", List.of("filled"));
        Pipelined<List<String>> read = strings("select name || ':' || note from pipeline_probe order by name");
        Pipelined<Boolean> known = Pipelined.answered(true);

        transactions.executeWithoutResult(tx -> pipeline.run(List.of(first, second, known, renamed, read)));

        assertThat(first.answer()).isEqualTo(1);
        assertThat(second.answer()).isEqualTo(1);
        assertThat(renamed.answer()).isEqualTo(1);
        assertThat(read.answer()).containsExactly("one:filled", "two:noted");
        assertThat(known.answer()).isTrue();
    }

    @Test
    void aStatementThatFailsFailsThePipelineAndTheTransactionKeepsNothing() {
        Pipelined<Integer> after = insert("after", null);

        assertThatThrownBy(() -> transactions.executeWithoutResult(
                        tx -> pipeline.run(List.of(insert("twice", null), insert("twice", null), after))))
                .isInstanceOf(DataAccessException.class);

        assertThat(names()).isEmpty();
        assertThatThrownBy(after::answer).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rowsAreInsertedInOrderWhateverTheirNumber() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 1_203; i++) {
            rows.add(new Object[] {String.format("row-%04d", i), i % 2 == 0 ? null : "odd"});
        }
        List<Pipelined<?>> inserts = Pipelined.insert("insert into pipeline_probe (name, note)", "(?, ?)", rows);

        transactions.executeWithoutResult(tx -> pipeline.run(inserts));

        assertThat(inserts).hasSize(3);
        assertThat(jdbc.queryForObject("select count(*) from pipeline_probe where note is null", Integer.class))
                .isEqualTo(602);
        assertThat(names()).hasSize(1_203).isSorted();
    }

    @Test
    void lastWritesTakingMoreParametersThanOneCallCarriesAllLandWithTheCommit() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            rows.add(new Object[] {String.format("row-%05d", i), "noted"});
        }
        List<Pipelined<?>> inserts = Pipelined.insert("insert into pipeline_probe (name, note)", "(?, ?)", rows);

        transactions.executeWithoutResult(tx -> commitWrites.add(inserts));

        assertThat(inserts.stream()
                        .mapToInt(statement -> statement.params().size())
                        .sum())
                .isGreaterThan(Pipeline.PARAMETERS_PER_CALL);
        assertThat(jdbc.queryForObject("select count(*) from pipeline_probe", Integer.class))
                .isEqualTo(40_000);
    }

    @Test
    void lastWritesLandWithTheCommitAndNotBefore() {
        List<String> seenInside = transactions.execute(tx -> {
            commitWrites.add(List.of(insert("last", null)));
            return names();
        });

        assertThat(seenInside).isEmpty();
        assertThat(names()).containsExactly("last");
    }

    @Test
    void lastWritesOfATransactionThatRollsBackAreNeverMade() {
        transactions.executeWithoutResult(tx -> {
            commitWrites.add(List.of(insert("rolled back", null)));
            tx.setRollbackOnly();
        });

        assertThat(names()).isEmpty();
    }

    @Test
    void aLastWriteThatFailsRollsTheWholeTransactionBack() {
        jdbc.update("insert into pipeline_probe (name) values ('taken')");

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                    jdbc.update("update pipeline_probe set note = 'changed' where name = 'taken'");
                    commitWrites.add(List.of(insert("taken", null)));
                }))
                .isInstanceOf(DataAccessException.class);

        assertThat(jdbc.queryForObject("select note from pipeline_probe where name = 'taken'", String.class))
                .isNull();
    }

    @Test
    void aSavepointRolledBackTakesBackTheLastWritesAddedSinceIt() {
        TransactionTemplate nested = new TransactionTemplate(transactionManager);
        nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);

        transactions.executeWithoutResult(tx -> {
            commitWrites.add(List.of(insert("before", null)));
            nested.executeWithoutResult(inner -> {
                commitWrites.add(List.of(insert("undone", null)));
                inner.setRollbackOnly();
            });
            nested.executeWithoutResult(inner -> commitWrites.add(List.of(insert("kept", null))));
        });

        assertThat(names()).containsExactly("before", "kept");
    }

    @Test
    void aStepBeforeCommitThatPreparedAddsToTheLastWrites() {
        transactions.executeWithoutResult(tx -> {
            commitWrites.prepare();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    commitWrites.add(List.of(insert("while committing", null)));
                }
            });
        });

        assertThat(names()).containsExactly("while committing");
    }

    @Test
    void aChangeThatMissesTheRowsItExpectsFailsThePipelineOnceAllAreAnswered() {
        Pipelined<Integer> missing = Pipelined.change(
                        "update pipeline_probe set note = 'x' where name = 'nobody'", List.of())
                .expecting(1, () -> new IllegalArgumentException("nobody changed"));
        Pipelined<Integer> after = insert("after", null);

        assertThatThrownBy(() -> transactions.executeWithoutResult(
                        tx -> pipeline.run(List.of(insert("before", null), missing, after))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nobody changed");

        assertThat(after.answer()).isEqualTo(1);
        assertThat(names()).isEmpty();
    }

    @Test
    void aLastWriteThatMissesTheRowsItExpectsRollsTheTransactionBack() {
        jdbc.update("insert into pipeline_probe (name) values ('kept')");

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                    jdbc.update("update pipeline_probe set note = 'changed' where name = 'kept'");
                    commitWrites.add(List.of(
                            insert("added", null),
                            Pipelined.change("delete from pipeline_probe where name = 'nobody'", List.of())
                                    .expecting(1, () -> new IllegalArgumentException("nobody deleted"))));
                }))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(names()).containsExactly("kept");
        assertThat(jdbc.queryForObject("select note from pipeline_probe where name = 'kept'", String.class))
                .isNull();
    }

    @Test
    void aReadAfterTheHeldWritesSeesThemAndTheyAreWrittenOnce() {
        Pipelined<List<String>> read = strings("select name from pipeline_probe order by name");

        transactions.executeWithoutResult(tx -> {
            commitWrites.add(List.of(insert("held", null)));
            commitWrites.runAfterHeld(List.of(read));
            commitWrites.add(List.of(insert("later", null)));
        });

        assertThat(read.answer()).containsExactly("held");
        // a second insert of "held" would have failed the commit on its primary key
        assertThat(names()).containsExactly("held", "later");
    }

    @Test
    void outsideATransactionWritesAreMadeAtOnce() {
        commitWrites.add(List.of(insert("at once", null)));

        assertThat(names()).containsExactly("at once");
    }

    /** A query answered by the first column of its rows, in order. */
    private static Pipelined<List<String>> strings(String sql) {
        return Pipelined.query(sql, List.of(), rs -> {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        });
    }

    private static Pipelined<Integer> insert(String name, String note) {
        return Pipelined.change("insert into pipeline_probe (name, note) values (?, ?)", Arrays.asList(name, note));
    }

    private List<String> names() {
        return jdbc.queryForList("select name from pipeline_probe order by name", String.class);
    }
}
