package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import io.countersign.request.Organisation.Person;
import io.countersign.shared.database.NotificationFence;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A creation that follows an offboarding this instance has not yet made sure of, while a connection
 * listens but the notification fence does not come back in time: it may not read approvers from
 * caches that predate the departure, so it is refused as an unreachable database is, and changes
 * nothing (docs/adr/0046).
 */
@CountersignTest
class ApproverHoldFenceTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @MockitoBean
    NotificationFence fence;

    @Test
    void aCreationAfterADepartureWhoseFenceDoesNotComeBackIsRefusedAndChangesNothing() {
        Organisation org = new Organisation(api);
        Person dev = org.person("dev");
        Person lisa = org.person("lisa");
        Person tom = org.person("tom");
        String resource = org.resource();
        org.policy(resource, List.of(Organisation.groupStep("Review", 1, org.group(lisa, tom))));
        api.asAdmin()
                .put(
                        "/api/v1/users/" + tom.name(),
                        Api.json(Map.of("email", tom.name() + "@example.com", "role", "USER", "active", false)))
                .expect(200);
        when(fence.available()).thenReturn(true);
        when(fence.await()).thenReturn(false);

        Api.Response refused = open(dev, resource);

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("retry-after")).isEqualTo("1");
        assertThat(requestsOf(dev)).isZero();

        when(fence.await()).thenReturn(true);
        assertThat(open(dev, resource).status())
                .as("once the fence comes back, creations go on")
                .isEqualTo(201);
    }

    private Api.Response open(Person requester, String resource) {
        return api.as(requester.token())
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of("resource", resource, "account", "admin", "duration", "PT1H")));
    }

    private long requestsOf(Person requester) {
        return jdbc.sql("select count(*) from access_requests where requester = ?")
                .param(requester.name())
                .query(Long.class)
                .single();
    }
}
