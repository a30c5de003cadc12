package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.io.OutputStream;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/audit/export}: who may export, the two formats, and an export far larger than a page. */
@CountersignTest
@Import(AuditFixtures.class)
class AuditExportTests {

    /** What curl and most scripts send: the export is matched against its format, not JSON. */
    static final String ANY = "*/*";

    /** Ids far above anything the sealer hands out while the test runs, so the bulk rows never meet the chain. */
    private static final long BULK_FIRST_ID = 9_000_000_000L;

    @Autowired
    Api api;

    @Autowired
    AuditedChanges changes;

    @Autowired
    AuditExport export;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    DataSource dataSource;

    @Test
    void auditorsAndAdministratorsExportAndNobodyElseDoes() {
        String auditor = api.tokenHolder("audrey", "AUDITOR");
        String user = api.tokenHolder("ursula", "USER");

        api.as(auditor)
                .call(HttpMethod.GET, "/api/v1/audit/export?format=csv&actor=nobody", null, HttpHeaders.ACCEPT, ANY)
                .expect(200);
        api.asAdmin()
                .call(HttpMethod.GET, "/api/v1/audit/export?format=jsonl&actor=nobody", null, HttpHeaders.ACCEPT, ANY)
                .expect(200);
        assertThat(api.as(user)
                        .call(HttpMethod.GET, "/api/v1/audit/export?format=csv", null, HttpHeaders.ACCEPT, ANY)
                        .status())
                .isEqualTo(403);
        assertThat(api.anonymous()
                        .call(HttpMethod.GET, "/api/v1/audit/export?format=csv", null, HttpHeaders.ACCEPT, ANY)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void csvQuotesPerRfc4180AndDisarmsFormulas() {
        String actor = Api.unique("quinn");
        changes.publish(SampleEvent.by(actor).withNote("plain"));
        changes.publish(SampleEvent.by(actor)
                .withNote("two, \"quoted\"\nlines")
                .because("=HYPERLINK(\"http://evil.example\")", "+1", "-2", "@SUM(A1)"));

        Api.Response answer = api.asAdmin()
                .call(HttpMethod.GET, "/api/v1/audit/export?format=csv&actor=" + actor, null, HttpHeaders.ACCEPT, ANY);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/csv");
        assertThat(answer.header("Content-Disposition"))
                .startsWith("attachment;")
                .containsPattern("filename=\"countersign-audit-\\d{8}T\\d{6}Z\\.csv\"");
        String body = answer.body();
        assertThat(body)
                .startsWith("id,occurredAt,actor,actorRole,channel,sourceAddress,action,target,requestId,grantId,"
                        + "note,justification,ticket,comment,reason,hashVersion,previousHash,hash\r\n");
        // oldest first: the plain event, then the one whose cells need care
        assertThat(body.indexOf(",plain,")).isPositive().isLessThan(body.indexOf("\"two, \"\"quoted\"\"\nlines\""));
        assertThat(body)
                .contains(
                        ",\"two, \"\"quoted\"\"\nlines\",\"'=HYPERLINK(\"\"http://evil.example\"\")\",'+1,'-2,'@SUM(A1),")
                .endsWith("\r\n");
        assertThat(body.split("\r\n")).hasSize(3);
    }

    @Test
    void jsonLinesCarryOneEventPerLineShapedAsTheList() {
        String actor = Api.unique("jules");
        changes.publish(SampleEvent.by(actor).withNote("first\nwith a line break"));
        changes.publish(SampleEvent.by(actor).withAction("sample.second"));

        Api.Response answer = api.asAdmin()
                .call(
                        HttpMethod.GET,
                        "/api/v1/audit/export?format=jsonl&actor=" + actor,
                        null,
                        HttpHeaders.ACCEPT,
                        ANY);

        assertThat(answer.contentType()).startsWith("application/jsonl");
        String[] lines = answer.body().split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = Api.JSON_READER.readTree(lines[0]);
        JsonNode listed = api.asAdmin()
                .get("/api/v1/audit?actor=" + actor)
                .json()
                .get("items")
                .get(1);
        assertThat(first).isEqualTo(listed);
        assertThat(first.get("note").asString()).isEqualTo("first\nwith a line break");
        assertThat(Api.JSON_READER.readTree(lines[1]).get("action").asString()).isEqualTo("sample.second");
    }

    @Test
    void aBadFormatOrFilterIsAProblemBeforeAnythingIsSent() {
        Api.Response format =
                api.asAdmin().call(HttpMethod.GET, "/api/v1/audit/export?format=xlsx", null, HttpHeaders.ACCEPT, ANY);
        assertThat(format.status()).isEqualTo(400);
        assertThat(format.json().get("errors").get(0).get("field").asString()).isEqualTo("format");

        Api.Response range = api.asAdmin()
                .call(
                        HttpMethod.GET,
                        "/api/v1/audit/export?format=csv&from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
                        null,
                        HttpHeaders.ACCEPT,
                        ANY);
        assertThat(range.status()).isEqualTo(400);
        assertThat(range.json().get("errors").get(0).get("field").asString()).isEqualTo("to");
    }

    /** The container's default (30 seconds in Tomcat) would cut a large export off mid-file. */
    @Test
    void anExportMayStreamForLongerThanTheContainersDefaultTimeout() throws Exception {
        MvcResult started = mvc.perform(get("/api/v1/audit/export?format=csv&actor=nobody")
                        .header("Authorization", "Bearer " + Api.ADMIN_TOKEN))
                .andReturn();

        assertThat(started.getRequest().isAsyncStarted()).isTrue();
        assertThat(started.getRequest().getAsyncContext().getTimeout())
                .isEqualTo(Duration.ofHours(1).toMillis());
    }

    /**
     * Rows go out while the cursor is still being read: the stream is flushed many times, the first
     * time long before the last row, and the whole export holds no more than a flush's worth of text.
     */
    /** How many rows the large export holds: the embedded database spills results to disk and is slow at it. */
    int bulkRows() {
        return 20_000;
    }

    @Test
    void aLargeRangeStreamsOutAsItIsRead() throws MetaDataAccessException {
        int rows = bulkRows();
        String actor = Api.unique("bulk");
        insertBulk(actor, rows);
        try {
            LineCounter out = new LineCounter();
            long written = export.write(
                    AuditQuery.fromParameters(null, actor, null, null, null, null, null), AuditExportFormat.CSV, out);

            assertThat(written).isEqualTo(rows);
            assertThat(out.lines).isEqualTo(rows + 1);
            assertThat(out.linesAtFlush).hasSizeGreaterThanOrEqualTo(rows / AuditExport.FLUSH_EVERY);
            assertThat(out.linesAtFlush.get(0)).isLessThanOrEqualTo(AuditExport.FLUSH_EVERY + 1L);
            assertThat(out.largestWriteBetweenFlushes).isLessThan(1024 * 1024);
        } finally {
            jdbc.sql("delete from audit_events where id >= ?")
                    .param(BULK_FIRST_ID)
                    .update();
        }
    }

    @Test
    void anExportOfManyBatchesHoldsEveryMatchingEventOnceOldestFirst() throws Exception {
        int rows = AuditExport.BATCH_SIZE * 2 + 17;
        String actor = Api.unique("batches");
        insertBulk(actor, rows);
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            long written = export.write(
                    AuditQuery.fromParameters(null, actor, null, null, null, null, null), AuditExportFormat.CSV, out);

            StringBuilder expected = new StringBuilder(AuditCsv.HEADER);
            jdbc.sql("select * from audit_events where actor = ? order by id")
                    .param(actor)
                    .query(AuditRows::map)
                    .list()
                    .forEach(event -> expected.append(AuditCsv.of(event)));
            assertThat(written).isEqualTo(rows);
            assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(expected.toString());
        } finally {
            jdbc.sql("delete from audit_events where id >= ?")
                    .param(BULK_FIRST_ID)
                    .update();
        }
    }

    private void insertBulk(String actor, int rows) throws MetaDataAccessException {
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        String series = product.toLowerCase(Locale.ROOT).contains("postgres")
                ? "generate_series(1, " + rows + ") as s(n)"
                : "system_range(1, " + rows + ") as s(n)";
        jdbc.sql("insert into audit_events (id, occurred_at, actor, actor_role, channel, action, note,"
                        + " previous_hash, hash) select " + BULK_FIRST_ID + " + n, current_timestamp, ?, 'USER',"
                        + " 'API', 'sample.bulk', '=1+1, row ' || n, 'p', 'h' from " + series)
                .param(actor)
                .update();
    }

    /** Counts lines and remembers how many had been written at each flush; keeps none of the text. */
    static final class LineCounter extends OutputStream {
        long lines;
        long bytesSinceFlush;
        long largestWriteBetweenFlushes;
        final List<Long> linesAtFlush = new ArrayList<>();

        @Override
        public void write(int b) {
            bytesSinceFlush++;
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public void flush() {
            linesAtFlush.add(lines);
            largestWriteBetweenFlushes = Math.max(largestWriteBetweenFlushes, bytesSinceFlush);
            bytesSinceFlush = 0;
        }
    }
}
