package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.countersign.testing.Api;
import io.countersign.testing.OnPostgres;
import io.countersign.testing.TestClockConfiguration;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Exports whose clients stop reading: they wait on their clients with no database connection, and
 * beyond the instance's few export slots one more is refused, so that the connections stay free for
 * checks and readiness. On PostgreSQL, where a session's state shows whether it holds a transaction.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@OnPostgres
@Import({TestClockConfiguration.class, Api.class, AuditFixtures.class})
class AuditExportStallOnPostgresTests {

    /** Ids far above anything the sealer hands out while the test runs. */
    private static final long BULK_FIRST_ID = 9_100_000_000L;

    /** Far more text than the socket buffers on both ends hold, so that a client that does not read stalls. */
    private static final int ROWS = 60_000;

    private final List<Socket> sockets = new ArrayList<>();

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void clientsGoAway() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        // the stalled exports end once their clients are gone, and give their slots back
        await().atMost(Duration.ofSeconds(30)).until(() -> exportStatus("nobody") == 200);
        jdbc.sql("delete from audit_events where id >= ?").param(BULK_FIRST_ID).update();
    }

    @Test
    void exportsStalledByClientsThatDoNotReadHoldNoDatabaseConnectionAndOneMoreIsRefused() throws Exception {
        String actor = Api.unique("stall");
        jdbc.sql("insert into audit_events (id, occurred_at, actor, actor_role, channel, action, note,"
                        + " previous_hash, hash) select " + BULK_FIRST_ID + " + n, current_timestamp, ?, 'USER',"
                        + " 'API', 'sample.bulk', 'a row of a large export, row ' || n, 'p', 'h'"
                        + " from generate_series(1, " + ROWS + ") as s(n)")
                .param(actor)
                .update();

        Socket first = stalledExport(actor);
        Socket second = stalledExport(actor);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> first.getInputStream().available() > 0
                        && second.getInputStream().available() > 0);

        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(idleInTransaction())
                        .as("sessions held open while the exports wait on their clients")
                        .isZero());

        MvcResult refused = export(actor);
        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        assertThat(refused.getResponse().getHeader("Retry-After")).isEqualTo("5");
        assertThat(refused.getResponse().getContentAsString()).contains("Too many audit exports");
    }

    /** Sessions of this database that hold a transaction open while their client does nothing. */
    private long idleInTransaction() {
        return jdbc.sql("select count(*) from pg_stat_activity"
                        + " where datname = current_database() and state = 'idle in transaction'")
                .query(Long.class)
                .single();
    }

    /** Asks for a CSV export and reads nothing of the answer. */
    private Socket stalledExport(String actor) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/audit/export?format=csv&actor=" + actor + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + Api.ADMIN_TOKEN + "\r\nAccept: */*\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return socket;
    }

    private MvcResult export(String actor) throws Exception {
        return mvc.perform(get("/api/v1/audit/export?format=csv&actor=" + actor)
                        .header("Authorization", "Bearer " + Api.ADMIN_TOKEN))
                .andReturn();
    }

    private int exportStatus(String actor) throws Exception {
        return export(actor).getResponse().getStatus();
    }
}
