package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import io.countersign.testing.PostgresDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Timers that came due while the service was down run once it is back, and only once. */
class RestartTests {

    @Test
    void requestsWhoseTimeToLiveEndedWhileTheServiceWasDownExpireOnceAfterItStarts() throws Exception {
        MutableClock clock = new MutableClock();
        String url = PostgresDatabases.createDatabase(
                "cs_" + UUID.randomUUID().toString().replace("-", ""));
        String requester;
        List<String> ids = new ArrayList<>();

        try (Instance before = Instance.start("before", url, clock)) {
            String lisa = Api.unique("lisa");
            requester = before.user(Api.unique("dev"), "USER");
            before.user(lisa, "USER");
            String resource = before.resourceReviewedBy(lisa, "PT10M");
            for (int i = 0; i < 3; i++) {
                ids.add(before.post(requester, "/api/v1/requests", Map.of("resource", resource, "account", "admin"))
                        .expect(201)
                        .json()
                        .get("id")
                        .asString());
            }
        }

        clock.advance(Duration.ofMinutes(30));

        try (Instance after = Instance.start("after", url, clock)) {
            for (String id : ids) {
                await().atMost(Duration.ofSeconds(15))
                        .until(() -> after.get(requester, "/api/v1/requests/" + id)
                                .expect(200)
                                .json()
                                .get("status")
                                .asString()
                                .equals("EXPIRED"));
            }
            for (String id : ids) {
                assertThat(after.bean(JdbcClient.class)
                                .sql(
                                        "select count(*) from audit_events where action = 'request.expired' and target = ?")
                                .param("request:" + id)
                                .query(Long.class)
                                .single())
                        .isEqualTo(1);
            }
        }
    }
}
