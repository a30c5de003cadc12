package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.UpgradedDatabase;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The people a reviewed break-glass use told, kept by its review before every use kept its own list,
 * are still the ones told after the upgrade, on both databases; its reviewers stay its reviewers.
 */
class BreakGlassNotifiedUpgradeTests {

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theListAReviewKeptBecomesTheListOfItsUse(String database) {
        DataSource dataSource = UpgradedDatabase.fresh(database);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        UpgradedDatabase.migrate(dataSource, "114");
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 2, 9, 0, 0, 0, ZoneOffset.UTC);
        jdbc.sql("""
                        insert into access_requests (id, requester, resource_name, account_name, duration_seconds,
                            policy_snapshot, status, current_step, created_by, created_at, expires_at, version,
                            break_glass)
                        values ('req-used', 'dev', 'prod-db', 'admin', 1800, '{}', 'APPROVED', 0, 'dev', ?, ?, 0, true)""").params(at, at.plusDays(1)).update();
        jdbc.sql("""
                        insert into break_glass_reviews (request_id, requester, resource_name, account_name,
                            policy_name, used_at, due_at, status)
                        values ('req-used', 'dev', 'prod-db', 'admin', 'emergency', ?, ?, 'PENDING')""").params(at, at.plusDays(1)).update();
        jdbc.sql("""
                        insert into break_glass_review_people (request_id, person_role, user_id, username)
                        values ('req-used', 'REVIEWER', 'usr-rita', 'rita'), ('req-used', 'NOTIFIED', 'usr-carol', 'carol'),
                               ('req-used', 'NOTIFIED', 'usr-sam', 'sam')""").update();

        UpgradedDatabase.migrate(dataSource, "latest");

        assertThat(jdbc.sql("select user_id || ':' || username from break_glass_notified where request_id = 'req-used'")
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrder("usr-carol:carol", "usr-sam:sam");
        assertThat(jdbc.sql("select person_role || ':' || user_id from break_glass_review_people")
                        .query(String.class)
                        .list())
                .isEqualTo(List.of("REVIEWER:usr-rita"));
    }
}
