package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.Directory;
import io.countersign.request.ActionTokenRefused.Reason;
import io.countersign.request.Organisation.Person;
import io.countersign.shared.Channel;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import io.countersign.testing.Race;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One approver's tokens race: the same token redeemed twice at once and a second token of the same
 * (request, step, approver) binding redeemed twice at once. Whatever the interleaving, exactly one
 * redemption decides and the others are refused as used.
 */
@CountersignTest
@OnPostgres
class ActionTokenRaceOnPostgresTests {

    private static final int REQUESTS = 25;
    private static final int DECIDED = 0;
    private static final int USED = 1;

    @Autowired
    Api api;

    @Autowired
    ActionTokens tokens;

    @Autowired
    Directory directory;

    @Autowired
    JdbcClient jdbc;

    private final Race race = new Race(4);

    @AfterEach
    void stopRacers() {
        race.close();
    }

    @Test
    void racingRedemptionsOfOneBindingDecideExactlyOnce() throws Exception {
        Organisation org = new Organisation(api);
        Person dev = org.person("dev");
        Person lisa = org.person("lisa");
        Person sam = org.person("sam");
        String resource = org.resource();
        org.policy(resource, List.of(Organisation.step("Two of two", 2, lisa, sam)));
        String lisaId = directory.idOf(lisa.name()).orElseThrow();

        for (int i = 0; i < REQUESTS; i++) {
            String id = org.request(dev, resource).get("id").asString();
            String first = tokens.issue(id, 0, lisaId, Channel.EMAIL);
            String second = tokens.issue(id, 0, lisaId, Channel.WEB);
            List<Callable<Integer>> calls = new ArrayList<>();
            calls.add(() -> redeem(first, Channel.EMAIL));
            calls.add(() -> redeem(first, Channel.EMAIL));
            calls.add(() -> redeem(second, Channel.WEB));
            calls.add(() -> redeem(second, Channel.WEB));

            List<Integer> outcomes = race.run(calls);

            assertThat(outcomes).as(id).filteredOn(o -> o == DECIDED).hasSize(1);
            assertThat(outcomes).as(id).filteredOn(o -> o == USED).hasSize(3);
            assertThat(count("select count(*) from decisions where request_id = ?", id))
                    .as(id)
                    .isEqualTo(1);
            assertThat(count(
                            "select count(*) from audit_events where request_id = ? and action = 'request.approval_recorded'",
                            id))
                    .as(id)
                    .isEqualTo(1);
            assertThat(count("select count(*) from action_tokens where request_id = ? and used_at is null", id))
                    .as(id)
                    .isZero();
        }
    }

    private int redeem(String token, Channel through) {
        try {
            tokens.redeem(token, through, true, null, null, null);
            return DECIDED;
        } catch (ActionTokenRefused refused) {
            return refused.refusal() == Reason.USED ? USED : 2;
        }
    }

    private long count(String sql, String id) {
        return jdbc.sql(sql).param(id).query(Long.class).single();
    }
}
