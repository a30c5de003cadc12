package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user who leaves with thousands of pending requests and places as approver is offboarded in one
 * change, as one with a few is: the statements that end them all together stay within PostgreSQL's
 * limit on parameters per statement.
 */
@OnPostgres
@CountersignTest
class OffboardingAtScaleTests {

    private static final int PENDING = 3_000;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    /** The resource of dev's requests, which stay pending with lisa as their approver. */
    String others;

    /**
     * Ends the copies left pending, which share this context's database with other test classes: due
     * before their requests once a test moves the clock on, they would fill every sweep's batch.
     */
    @AfterEach
    void endTheCopiesLeftPending() {
        if (others != null) {
            jdbc.sql("update access_requests set status = 'CANCELLED' where resource_name = ? and status = 'PENDING'")
                    .param(others)
                    .update();
        }
    }

    @Test
    void aUserWithThousandsOfPendingRequestsAndPlacesAsApproverIsDeactivatedWithEveryOneEnded() {
        Organisation org = new Organisation(api);
        Person dev = org.person("dev");
        Person lisa = org.person("lisa");
        Person leaver = org.person("leaver");
        String own = org.resource();
        others = org.resource();
        org.policy(own, List.of(step("Review", 1, lisa)));
        org.policy(others, List.of(step("Review", 1, leaver, lisa)));
        copies(org.request(leaver, own).get("id").asString());
        copies(org.request(dev, others).get("id").asString());

        api.deactivate(leaver.name());

        assertThat(count("select count(*) from access_requests where resource_name = ? and status = 'CANCELLED'", own))
                .isEqualTo(PENDING + 1);
        assertThat(count("""
                        select count(*) from audit_events e join access_requests r on r.id = e.request_id
                        where r.resource_name = ? and e.action = 'request.cancelled'""", own)).isEqualTo(PENDING + 1);
        assertThat(count("""
                        select count(*) from request_step_approvers p join access_requests r on r.id = p.request_id
                        where r.resource_name = ? and p.username = ?""", others, leaver.name())).isZero();
        assertThat(count("""
                        select count(*) from audit_events e join access_requests r on r.id = e.request_id
                        where r.resource_name = ? and e.action = 'request.approver_withdrawn'""", others)).isEqualTo(PENDING + 1);
        assertThat(count("select count(*) from access_requests where resource_name = ? and status = 'PENDING'", others))
                .isEqualTo(PENDING + 1);
    }

    /**
     * Stores {@value #PENDING} copies of the request, its steps and its approver places, each under an
     * id of its own, in three statements rather than thousands of calls.
     */
    private void copies(String id) {
        String copyId = "left(r.id, 12) || translate(lpad(g::text, 8, '0'), '0123456789', 'abcdefghij')";
        jdbc.sql("insert into access_requests select (jsonb_populate_record(null::access_requests, to_jsonb(r)"
                        + " || jsonb_build_object('id', " + copyId + "))).*"
                        + " from access_requests r cross join generate_series(1, ?) g where r.id = ?")
                .params(PENDING, id)
                .update();
        for (String table : List.of("request_steps", "request_step_approvers")) {
            jdbc.sql("insert into " + table + " select (jsonb_populate_record(null::" + table + ", to_jsonb(s)"
                            + " || jsonb_build_object('request_id', "
                            + copyId.replace("r.id", "s.request_id") + "))).*"
                            + " from " + table + " s cross join generate_series(1, ?) g where s.request_id = ?")
                    .params(PENDING, id)
                    .update();
        }
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
