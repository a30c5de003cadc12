package io.countersign.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.CountersignTest;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * The grants table carries the indexes its queries use: the access check and offboarding look
 * grants up by holder id, deleting a resource or removing an account by resource; nothing looks them
 * up by username any more.
 */
@CountersignTest
class GrantIndexTests {

    @Autowired
    DataSource dataSource;

    /** Index name to its columns in order, lower case. */
    Map<String, List<String>> grantIndexes() throws Exception {
        return JdbcUtils.extractDatabaseMetaData(dataSource, meta -> {
            Map<String, List<String>> indexes = new LinkedHashMap<>();
            for (String table : List.of("grants", "GRANTS")) {
                try (ResultSet rs = meta.getIndexInfo(null, null, table, false, false)) {
                    while (rs.next()) {
                        String name = rs.getString("INDEX_NAME");
                        String column = rs.getString("COLUMN_NAME");
                        if (name != null && column != null) {
                            indexes.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                                    .add(column.toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
            return indexes;
        });
    }

    @Test
    void grantsAreIndexedByHolderIdAndByResourceButNoLongerByUsername() throws Exception {
        Map<String, List<String>> indexes = grantIndexes();

        assertThat(indexes.get("grants_holder_lookup"))
                .containsExactly("holder_id", "resource_name", "account_name", "ends_at");
        assertThat(indexes.get("grants_resource")).containsExactly("resource_name", "account_name");
        assertThat(indexes).doesNotContainKey("grants_lookup");
    }
}
