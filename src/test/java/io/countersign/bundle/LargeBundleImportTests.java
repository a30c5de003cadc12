package io.countersign.bundle;

import static io.countersign.bundle.ImportCounts.counts;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.inventory.Inventory;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An organisation-sized bundle in one call. It gets a database of its own (the property only makes
 * the context distinct) so that thousands of rows do not slow the tests that list users.
 */
@CountersignTest
@TestPropertySource(properties = "countersign.test.database=large-import")
class LargeBundleImportTests {

    static final int USERS = 5_000;
    static final int GROUPS = 500;
    static final int RESOURCES = 2_000;
    static final List<String> LEVELS = List.of("engineer", "team-lead", "manager", "director");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Inventory inventory;

    @Test
    void thousandsOfEntriesImportInOneCallAndTheSameBundleAgainIsANoOp() {
        Importer importer = new Importer(mvc);
        String bundle = JsonMapper.builder().build().writeValueAsString(bundle());

        JsonNode first = importer.json(bundle).expect(200).json();
        JsonNode second = importer.json(bundle).expect(200).json();

        assertThat(first.get("levels").asInt()).isEqualTo(LEVELS.size());
        assertThat(counts(first, "users")).containsExactly(USERS, 0, 0);
        assertThat(counts(first, "groups")).containsExactly(GROUPS, 0, 0);
        assertThat(counts(first, "resources")).containsExactly(RESOURCES, 0, 0);
        assertThat(counts(second, "users")).containsExactly(0, 0, USERS);
        assertThat(counts(second, "groups")).containsExactly(0, 0, GROUPS);
        assertThat(counts(second, "resources")).containsExactly(0, 0, RESOURCES);
        assertThat(count("select count(*) from users where username like 'bulk-%'"))
                .isEqualTo(USERS);
        assertThat(count("select count(*) from users where manager is not null and username like 'bulk-%'"))
                .isEqualTo(USERS - 1);
        assertThat(count("select count(*) from group_members")).isEqualTo(USERS);
        assertThat(count("select count(*) from group_managers")).isEqualTo(GROUPS);
        assertThat(count("select count(*) from resource_group_links")).isEqualTo(2L * RESOURCES);
        assertThat(count("select count(*) from resource_accounts")).isEqualTo(2L * RESOURCES);
        assertThat(jdbc.sql("select manager from users where username = 'bulk-u-4999'")
                        .query(String.class)
                        .single())
                .isEqualTo("bulk-u-499");
        var resource = inventory.findResource("bulk-r-1999").orElseThrow();
        assertThat(resource.groups()).containsExactlyInAnyOrder("bulk-g-499", "bulk-g-0");
        assertThat(resource.owners()).containsExactly("bulk-u-1999");
        assertThat(resource.labels()).containsEntry("index", "1999");
    }

    /** Users are listed reports first, so every manager is defined later in the bundle than their reports. */
    private static Map<String, Object> bundle() {
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = USERS - 1; i >= 0; i--) {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("username", "bulk-u-" + i);
            user.put("email", "u" + i + "@example.com");
            user.put("displayName", "User " + i);
            user.put("level", LEVELS.get(i % LEVELS.size()));
            user.put("manager", i == 0 ? null : "bulk-u-" + ((i - 1) / 10));
            users.add(user);
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            List<String> members = new ArrayList<>();
            for (int m = 0; m < USERS / GROUPS; m++) {
                members.add("bulk-u-" + (g * (USERS / GROUPS) + m));
            }
            groups.add(Map.of("name", "bulk-g-" + g, "members", members, "managers", List.of("bulk-u-" + g)));
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (int r = 0; r < RESOURCES; r++) {
            resources.add(Map.of(
                    "name", "bulk-r-" + r,
                    "type", r % 2 == 0 ? "ssh" : "database",
                    "groups", List.of("bulk-g-" + (r % GROUPS), "bulk-g-" + ((r + 1) % GROUPS)),
                    "labels", Map.of("env", r % 3 == 0 ? "prod" : "dev", "index", String.valueOf(r)),
                    "owners", List.of("bulk-u-" + r),
                    "accounts", List.of("root", "readonly")));
        }
        return Map.of("levels", LEVELS, "users", users, "groups", groups, "resources", resources);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
