package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What a request's audit trail says about why it was granted, and that rewording it in the database
 * breaks the chain.
 */
@CountersignTest
class RequestAuditTrailTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theJustificationTicketCommentsAndRevokeReasonAreAuditedInTheirOwnFields() {
        Trail trail = approvedAndRevoked();

        assertThat(trail.event("request.created").get("justification").asString())
                .isEqualTo("INC-42 failover of the primary");
        assertThat(trail.event("request.created").get("ticket").asString()).isEqualTo("INC-42");
        assertThat(trail.event("request.approval_recorded").get("comment").asString())
                .isEqualTo("checked with on-call");
        assertThat(trail.event("grant.revoked").get("reason").asString()).isEqualTo("failover done");
        assertThat(trail.event("request.created").get("hashVersion").asInt()).isEqualTo(2);
    }

    @Test
    void rewordingAJustificationInTheDatabaseBreaksTheChainAtThatEvent() {
        Trail trail = approvedAndRevoked();
        long id = trail.event("request.created").get("id").asLong();

        String original = column(id, "justification");
        jdbc.sql("update audit_events set justification = ? where id = ?")
                .params("routine maintenance", id)
                .update();
        try {
            JsonNode verdict =
                    api.asAdmin().get("/api/v1/audit/verify").expect(200).json();

            assertThat(verdict.get("valid").asBoolean()).isFalse();
            assertThat(verdict.get("firstBrokenEventId").asLong()).isEqualTo(id);
            assertThat(verdict.get("reason").asString()).isEqualTo("hash_mismatch");
        } finally {
            jdbc.sql("update audit_events set justification = ? where id = ?")
                    .params(original, id)
                    .update();
        }
        assertThat(api.asAdmin()
                        .get("/api/v1/audit/verify")
                        .expect(200)
                        .json()
                        .get("valid")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void rewordingADecisionCommentOrARevokeReasonBreaksTheChain() {
        Trail trail = approvedAndRevoked();

        for (String[] change : new String[][] {
            {"request.approval_recorded", "comment", "no comment"}, {"grant.revoked", "reason", "expired"}
        }) {
            long id = trail.event(change[0]).get("id").asLong();
            String original = column(id, change[1]);
            jdbc.sql("update audit_events set " + change[1] + " = ? where id = ?")
                    .params(change[2], id)
                    .update();
            try {
                JsonNode verdict =
                        api.asAdmin().get("/api/v1/audit/verify").expect(200).json();
                assertThat(verdict.get("firstBrokenEventId").asLong())
                        .as(change[1])
                        .isEqualTo(id);
                assertThat(verdict.get("reason").asString()).isEqualTo("hash_mismatch");
            } finally {
                jdbc.sql("update audit_events set " + change[1] + " = ? where id = ?")
                        .params(original, id)
                        .update();
            }
        }
    }

    /** The audit events of one request, by action. */
    private record Trail(Map<String, JsonNode> byAction) {
        JsonNode event(String action) {
            assertThat(byAction).containsKey(action);
            return byAction.get(action);
        }
    }

    private Trail approvedAndRevoked() {
        Organisation org = new Organisation(api);
        Person dev = org.person("dev");
        Person lisa = org.person("lisa");
        String resource = org.resource();
        org.policy(resource, List.of(step("Manager Review", 1, lisa)));
        String id = org.request(
                        dev,
                        resource,
                        Map.of(
                                "duration",
                                "PT1H",
                                "justification",
                                "INC-42 failover of the primary",
                                "ticket",
                                "INC-42"))
                .get("id")
                .asString();
        String grant = api.as(lisa.token())
                .post("/api/v1/requests/" + id + "/approve", "{\"comment\":\"checked with on-call\"}")
                .expect(200)
                .json()
                .get("grant")
                .get("id")
                .asString();
        api.as(dev.token())
                .post("/api/v1/grants/" + grant + "/revoke", "{\"reason\":\"failover done\"}")
                .expect(200);
        JsonNode items = api.asAdmin()
                .get("/api/v1/audit?requestId=" + id + "&limit=100")
                .expect(200)
                .json()
                .get("items");
        Map<String, JsonNode> byAction = new HashMap<>();
        items.forEach(item -> byAction.putIfAbsent(item.get("action").asString(), item));
        return new Trail(byAction);
    }

    private String column(long id, String column) {
        return jdbc.sql("select " + column + " from audit_events where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }
}
