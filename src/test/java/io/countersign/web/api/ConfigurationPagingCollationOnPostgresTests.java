package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Pages on a database whose collation orders names otherwise than code points do, as the en_US
 * collation of many PostgreSQL installations does (it sorts {@code _} before {@code -} and {@code .},
 * and those before digits): every name comes exactly once, whichever collation the database has.
 */
@CountersignTest
@OnPostgres
class ConfigurationPagingCollationOnPostgresTests extends ConfigurationObjectsTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest
    @CsvSource({"users, users, username", "groups, user_groups, name", "resources, resources, name"})
    void pagesListEveryNameOnceWhenTheDatabaseSortsNamesOtherwiseThanJava(String kind, String table, String column) {
        assumeTrue(
                jdbc.queryForObject("select count(*) from pg_collation where collname = 'und-x-icu'", Integer.class)
                        > 0,
                "this PostgreSQL has no ICU collations");
        String type = jdbc.queryForObject(
                "select format_type(atttypid, atttypmod) from pg_attribute where attrelid = ?::regclass and attname = ?",
                String.class,
                table,
                column);
        String base = Api.unique("col");
        List<String> created = new ArrayList<>();
        for (String suffix : List.of("-", "-a", ".a", "0", "_1", "_b", "a", "b")) {
            created.add(create(kind, base + suffix));
        }
        jdbc.execute("alter table " + table + " alter column " + column + " type " + type + " collate \"und-x-icu\"");
        try {
            assertThat(pages(kind, base)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        } finally {
            jdbc.execute("alter table " + table + " alter column " + column + " type " + type + " collate \"default\"");
        }
    }

    private List<String> pages(String kind, String prefix) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.asAdmin()
                    .get("/api/v1/" + kind + "?limit=2&prefix=" + prefix + (cursor == null ? "" : "&cursor=" + cursor))
                    .expect(200)
                    .json();
            page.get("items")
                    .forEach(item -> seen.add(
                            item.get(kind.equals("users") ? "username" : "name").asString()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 20);
        return seen;
    }
}
