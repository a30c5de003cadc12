package io.countersign.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The ordered list of levels in the {@code levels} table. */
@Component
class LevelStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    LevelStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Level names, lowest first. */
    List<String> all() {
        return jdbc.sql("select name from levels order by rank_order")
                .query(String.class)
                .list();
    }

    /**
     * Locks every level's row until the caller's transaction ends, so that writers of the list take
     * turns: the next one waits here, and what it reads after this sees the list as the last one left it.
     */
    void lock() {
        jdbc.sql("select name from levels order by name for update")
                .query(String.class)
                .list();
    }

    boolean exists(String level) {
        return jdbc.sql("select count(*) from levels where name = ?")
                        .param(level)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Gives the levels of {@code ordered} their rank, inserting the new ones. Levels not in the list
     * keep a negative rank until {@link #delete} removes them: ranks are unique, so the old ones are
     * moved out of the way first.
     */
    void rank(List<String> ordered, Set<String> existing) {
        jdbc.sql("update levels set rank_order = -1 - rank_order").update();
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (int rank = 0; rank < ordered.size(); rank++) {
            String name = ordered.get(rank);
            (existing.contains(name) ? updates : inserts).add(new Object[] {rank, name});
        }
        batch.batchUpdate("update levels set rank_order = ? where name = ?", updates);
        batch.batchUpdate("insert into levels (rank_order, name) values (?, ?)", inserts);
    }

    void delete(Set<String> levels) {
        batch.batchUpdate(
                "delete from levels where name = ?",
                levels.stream().map(name -> new Object[] {name}).toList());
    }
}
