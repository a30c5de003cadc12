package io.countersign.shared.database;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.stereotype.Component;

/**
 * Runs several statements one after the other in the caller's transaction, in one round trip on
 * PostgreSQL (a few when they take more parameters together than one call may carry). The server runs them in order, each with a snapshot taken when it starts, exactly as
 * if they were sent one at a time: a row lock taken by one holds for those after it, and a change
 * made by one is seen by those after it. What it saves
 * is the wait for each answer before the next query is sent, which on a busy host costs more than
 * running the query. On H2 they are sent one at a time.
 *
 * <p>A statement that fails fails the pipeline, and the statements after it do not run.
 */
@Component
public class Pipeline {

    private final JdbcTemplate jdbc;
    private final DatabaseProduct product;

    Pipeline(JdbcTemplate jdbc, DatabaseProduct product) {
        this.jdbc = jdbc;
        this.product = product;
    }

    /** Runs one query and answers it. */
    public <T> T one(Pipelined<T> query) {
        run(List.of(query));
        return query.answer();
    }

    /**
     * Runs the statements in this order; each then has its answer. A change whose {@linkplain
     * Pipelined#expecting expected} number of rows differs then throws.
     */
    public void run(List<Pipelined<?>> all) {
        List<Pipelined<?>> statements = all.stream().filter(Pipelined::asks).toList();
        if (statements.size() == 1 || !product.postgres()) {
            statements.forEach(this::runAlone);
        } else {
            runTogether(statements);
        }
        statements.forEach(Pipelined::verify);
    }

    /**
     * Runs the statements, then commits the caller's transaction in the same round trip on
     * PostgreSQL: the transaction manager's own commit then has nothing left to send (the driver sends
     * no commit for a connection outside a transaction). For a transaction's last writes, when nothing
     * else of it is left to run. A change that {@linkplain Pipelined#expecting expects} a number of
     * rows is checked on the server, where a miss fails its statement and so keeps the commit from
     * happening. On H2 only runs them; the transaction manager commits as usual.
     */
    void runAndCommit(List<Pipelined<?>> last) {
        if (!product.postgres()) {
            run(last);
            return;
        }
        List<Pipelined<?>> statements = new ArrayList<>();
        for (int place = 0; place < last.size(); place++) {
            Pipelined<?> statement = last.get(place);
            statements.add(statement.expects() ? statement.checkedByServer(place) : statement);
        }
        statements.add(Pipelined.change("commit", List.of()));
        try {
            run(statements);
        } catch (DataAccessException e) {
            if (e.getMostSpecificCause() instanceof PSQLException failed
                    && Pipelined.UNEXPECTED_ROWS.equals(failed.getSQLState())
                    && failed.getServerErrorMessage() != null) {
                throw last.get(Integer.parseInt(failed.getServerErrorMessage().getMessage()))
                        .unexpected();
            }
            throw e;
        }
    }

    /**
     * Runs the statements in as few calls as the driver allows: it refuses a call whose statements
     * take more than {@value #PARAMETERS_PER_CALL} parameters together, which a change to thousands of
     * requests at once (a user leaving) reaches. Each call waits for the one before, so the order holds.
     */
    private void runTogether(List<Pipelined<?>> statements) {
        calls(statements).forEach(this::runInOneCall);
    }

    static final int PARAMETERS_PER_CALL = 65_535;

    /** The statements in order, cut where the next one would take a call past the driver's limit. */
    static List<List<Pipelined<?>>> calls(List<Pipelined<?>> statements) {
        List<List<Pipelined<?>>> calls = new ArrayList<>();
        List<Pipelined<?>> call = new ArrayList<>();
        int parameters = 0;
        for (Pipelined<?> statement : statements) {
            int more = statement.params().size();
            if (!call.isEmpty() && parameters + more > PARAMETERS_PER_CALL) {
                calls.add(call);
                call = new ArrayList<>();
                parameters = 0;
            }
            call.add(statement);
            parameters += more;
        }
        if (!call.isEmpty()) {
            calls.add(call);
        }
        return calls;
    }

    private void runInOneCall(List<Pipelined<?>> statements) {
        String sql = statements.stream().map(Pipelined::sql).collect(Collectors.joining(";\n"));
        jdbc.execute(sql, (PreparedStatementCallback<Void>) ps -> {
            int index = 1;
            for (Pipelined<?> statement : statements) {
                for (Object param : statement.params()) {
                    StatementCreatorUtils.setParameterValue(ps, index++, SqlTypeValue.TYPE_UNKNOWN, param);
                }
            }
            boolean rows = ps.execute();
            for (Pipelined<?> statement : statements) {
                if (rows == statement.changes()) {
                    throw new IllegalStateException("not answered as expected: " + statement.sql());
                }
                if (rows) {
                    try (ResultSet rs = ps.getResultSet()) {
                        statement.read(rs);
                    }
                } else {
                    statement.changed(ps.getUpdateCount());
                }
                rows = ps.getMoreResults();
            }
            return null;
        });
    }

    private void runAlone(Pipelined<?> statement) {
        Object[] params = statement.params().toArray();
        if (statement.changes()) {
            statement.changed(jdbc.update(statement.sql(), params));
            return;
        }
        jdbc.query(
                statement.sql(),
                rs -> {
                    statement.read(rs);
                    return null;
                },
                params);
    }
}
