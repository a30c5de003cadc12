package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.PostgresDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service runs as a role that may only add to the audit tables, with the statements of
 * docs/sql exactly as documented: migrations run as the owner role, the service as the application
 * role, and the application role can neither change nor delete what the log holds.
 */
@CountersignTest
@ContextConfiguration(initializers = AuditPrivilegesOnPostgresTests.RestrictedRoles.class)
@TestPropertySource(properties = "countersign.encryption-key=" + AuditCheckpointTestBase.ENCRYPTION_KEY)
class AuditPrivilegesOnPostgresTests {

    static final String OWNER = "cs_test_owner";
    static final String APP = "cs_test_app";
    static final String PASSWORD = "cs-test-password";

    @Autowired
    Api api;

    @Autowired
    AuditLog auditLog;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    TransactionTemplate transactions;

    /** Connected as the application role, like the service. */
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void theAuditTablesAreMadeAppendOnlyAfterTheSchemaWasCreated() {
        RestrictedRoles.runAsSuperuser("postgresql-audit-append-only.sql");
    }

    @Test
    void theServiceRecordsVerifiesAndCheckpointsWithOnlyTheseGrants() {
        String name = Api.unique("olga");
        api.asAdmin()
                .post(
                        "/api/v1/users",
                        Api.json(Map.of("username", name, "email", name + "@example.com", "role", "USER")))
                .expect(201);

        ChainVerification verdict = auditLog.verify();
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.unsealedEvents())
                .as("the sealer may remove the entries it chained")
                .isZero();
        assertThat(checkpoints.record()).isPresent();
        api.asAdmin().get("/api/v1/audit/checkpoints/key").expect(200);
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo(APP);
    }

    @Test
    void theServiceRoleCanNeitherChangeNorDeleteWhatTheLogHolds() {
        assertDenied("update audit_events set note = 'nothing happened'");
        assertDenied("delete from audit_events");
        assertDenied("truncate audit_events");
        assertDenied("delete from audit_chain_head");
        assertDenied("insert into audit_chain_head (id, last_id, last_hash) values (2, 0, 'x')");
        assertDenied("update audit_chain_head set id = 2");
        assertDenied("update audit_checkpoints set events = 0");
        assertDenied("delete from audit_checkpoints");
        assertDenied("update audit_signing_key set public_key = 'x'");
        assertDenied("delete from audit_signing_key");
        assertDenied("select count(*) from flyway_schema_history");
        assertDenied("update audit_journal set note = 'nothing happened'");
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("insert into audit_journal (seq, occurred_at, actor, actor_role, channel, action)"
                            + " values (nextval('audit_journal_seq'), now(), 'intruder', 'USER', 'WEB', 'x.done')")
                    .update();
            assertThat(jdbc.sql("delete from audit_journal").update())
                    .as("an entry the chain does not hold yet cannot be removed")
                    .isZero();
            tx.setRollbackOnly();
        });

        assertThat(jdbc.sql("update audit_chain_head set last_id = last_id where id = 1")
                        .update())
                .isEqualTo(1);
    }

    private void assertDenied(String sql) {
        assertThatThrownBy(() -> jdbc.sql(sql).update())
                .as(sql)
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState())
                .isEqualTo("42501");
    }

    /**
     * Creates a database owned by the owner role, applies docs/sql/postgresql-roles.sql as a superuser
     * would, and has Flyway migrate as the owner while the service connects as the application role.
     */
    static class RestrictedRoles implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        private static String superuserUrl;

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            String database = "cs_" + UUID.randomUUID().toString().replace("-", "");
            superuserUrl = PostgresDatabases.createDatabase(database);
            execute("do $$ begin"
                    + " if not exists (select from pg_roles where rolname = '" + OWNER + "') then"
                    + " create role " + OWNER + " login password '" + PASSWORD + "'; end if;"
                    + " if not exists (select from pg_roles where rolname = '" + APP + "') then"
                    + " create role " + APP + " login password '" + PASSWORD + "'; end if;"
                    + " end $$");
            execute("alter database " + database + " owner to " + OWNER);
            runAsSuperuser("postgresql-roles.sql");
            TestPropertyValues.of(
                            "spring.datasource.url=" + superuserUrl.replaceFirst("\\?.*$", ""),
                            "spring.datasource.username=" + APP,
                            "spring.datasource.password=" + PASSWORD,
                            "spring.flyway.user=" + OWNER,
                            "spring.flyway.password=" + PASSWORD,
                            "spring.datasource.hikari.maximum-pool-size=6",
                            "spring.datasource.hikari.minimum-idle=0")
                    .applyTo(context);
        }

        static void runAsSuperuser(String script) {
            try {
                String sql = Files.readString(Path.of("docs", "sql", script))
                        .replace("countersign_owner", OWNER)
                        .replace("countersign_app", APP);
                execute(sql);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(superuserUrl);
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot run " + sql, e);
            }
        }
    }
}
