package io.countersign.shared.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * One statement of a {@link Pipeline}: a query with what reads its rows, or a change answered by the
 * number of rows it changed; its SQL takes positional parameters. The module that owns the table
 * writes the statement; whoever runs the pipeline decides what goes with it. Its answer is there once
 * the pipeline has run.
 */
public final class Pipelined<T> {

    private final String sql;
    private final List<?> params;
    // null for a change
    private final ResultSetExtractor<T> reader;
    private T answer;
    private boolean read;
    // for a change that must change this many rows, else the pipeline throws what the supplier makes
    private int expectedRows = -1;
    private Supplier<? extends RuntimeException> otherwise;

    private Pipelined(String sql, List<?> params, ResultSetExtractor<T> reader) {
        this.sql = sql;
        this.params = params;
        this.reader = reader;
    }

    public static <T> Pipelined<T> query(String sql, List<?> params, ResultSetExtractor<T> reader) {
        return new Pipelined<>(sql, Collections.unmodifiableList(new ArrayList<>(params)), reader);
    }

    /** A statement that changes rows (insert, update, delete), answered by how many it changed. */
    public static Pipelined<Integer> change(String sql, List<?> params) {
        return new Pipelined<>(sql, Collections.unmodifiableList(new ArrayList<>(params)), null);
    }

    /**
     * Inserts the rows with as few statements as the protocol's limit on parameters allows: {@code
     * head} is the statement up to {@code values}, {@code row} one row's placeholders, such as {@code
     * (?, ?)}. Rows are inserted in the given order.
     */
    public static List<Pipelined<?>> insert(String head, String row, List<Object[]> rows) {
        List<Pipelined<?>> statements = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Object[]> slice = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            List<Object> params = new ArrayList<>();
            slice.forEach(values -> params.addAll(Arrays.asList(values)));
            statements.add(change(
                    head + " values " + String.join(", ", Collections.nCopies(slice.size(), row)), params));
        }
        return statements;
    }

    // PostgreSQL takes at most 32,767 parameters in one statement: enough for every table's rows here
    private static final int ROWS_PER_INSERT = 500;

    /**
     * Makes the pipeline that runs this change throw {@code otherwise}'s exception, once every
     * statement has its answer, when it changed another number of rows than {@code rows}: for a check
     * that must hold wherever the change ends up being sent, at once or with a transaction's last writes.
     */
    public Pipelined<T> expecting(int rows, Supplier<? extends RuntimeException> otherwise) {
        if (reader != null) {
            throw new IllegalStateException("only a change changes rows: " + sql);
        }
        this.expectedRows = rows;
        this.otherwise = otherwise;
        return this;
    }

    /** A query whose answer is known without asking the database: a pipeline sends nothing for it. */
    public static <T> Pipelined<T> answered(T answer) {
        Pipelined<T> known = new Pipelined<>(null, List.of(), rs -> answer);
        known.answer = answer;
        known.read = true;
        return known;
    }

    /** What the reader made of the rows. */
    public T answer() {
        if (!read) {
            throw new IllegalStateException("the query has not run: " + sql);
        }
        return answer;
    }

    boolean asks() {
        return sql != null;
    }

    String sql() {
        return sql;
    }

    List<?> params() {
        return params;
    }

    boolean changes() {
        return reader == null;
    }

    void read(ResultSet rs) throws SQLException {
        answer = reader.extractData(rs);
        read = true;
    }

    boolean expects() {
        return otherwise != null;
    }

    /**
     * This change as a query that fails on the server, with SQLSTATE {@link #UNEXPECTED_ROWS} and its
     * {@code place} as the message, when it changes another number of rows than expected (function
     * {@code countersign_expect_rows}, PostgreSQL only); its answer is this change's.
     */
    Pipelined<Long> checkedByServer(int place) {
        List<Object> withExpectation = new ArrayList<>(params);
        withExpectation.add(expectedRows);
        withExpectation.add(place);
        return query(
                "with changed as (" + sql + " returning 1) select countersign_expect_rows(count(*), ?, ?) from changed",
                withExpectation,
                rs -> {
                    rs.next();
                    long rows = rs.getLong(1);
                    changed((int) rows);
                    return rows;
                });
    }

    /** What the pipeline throws for this change when it changed another number of rows than expected. */
    RuntimeException unexpected() {
        return otherwise.get();
    }

    static final String UNEXPECTED_ROWS = "CS001";

    void verify() {
        if (otherwise != null && !answer.equals(expectedRows)) {
            throw unexpected();
        }
    }

    @SuppressWarnings("unchecked")
    void changed(int rows) {
        answer = (T) Integer.valueOf(rows);
        read = true;
    }
}
