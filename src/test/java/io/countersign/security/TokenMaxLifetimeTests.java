package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.People;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

@CountersignTest
@TestPropertySource(properties = "countersign.security.token-max-lifetime=P30D")
class TokenMaxLifetimeTests {

    private static final Duration MAX = Duration.ofDays(30);

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    private Api.Response issue(String owner, Map<String, Object> body) {
        return api.asAdmin().post("/api/v1/users/" + owner + "/tokens", Api.json(body));
    }

    @Test
    void aTokenAskedForWithoutExpiryGetsTheMaximumLifetimeAtMost() {
        String dev = new People(api).user("dev");

        JsonNode issued = issue(dev, Map.of("name", "laptop")).expect(201).json();

        Instant expiry = Instant.parse(issued.get("expiresAt").asString());
        assertThat(expiry)
                .isAfter(clock.instant())
                .isBeforeOrEqualTo(clock.instant().plus(MAX));
    }

    @Test
    void aLongerLifetimeIsRefusedAndAShorterOneKept() {
        String dev = new People(api).user("dev");
        Instant tooLate = clock.instant().plus(MAX).plusSeconds(60);
        Instant fine = clock.instant().plus(Duration.ofDays(2));

        var refused = issue(dev, Map.of("name", "forever", "expiresAt", tooLate.toString()));
        var kept = issue(dev, Map.of("name", "two-days", "expiresAt", fine.toString()))
                .expect(201)
                .json();

        assertThat(refused.status()).isEqualTo(400);
        List<String> codes = new ArrayList<>();
        refused.json()
                .get("errors")
                .forEach(error -> codes.add(error.get("code").asString()));
        assertThat(codes).contains("exceeds_max_lifetime");
        assertThat(Instant.parse(kept.get("expiresAt").asString())).isEqualTo(fine);
        List<String> names = new ArrayList<>();
        api.asAdmin()
                .get("/api/v1/users/" + dev + "/tokens")
                .expect(200)
                .json()
                .forEach(token -> names.add(token.get("name").asString()));
        assertThat(names).containsExactly("two-days");
    }

    @Test
    void theBootstrapTokenHasTheMaximumLifetimeToo() {
        JsonNode bootstrap = api.asAdmin()
                .get("/api/v1/users/admin/tokens")
                .expect(200)
                .json()
                .get(0);

        assertThat(bootstrap.get("name").asString()).isEqualTo("bootstrap");
        assertThat(bootstrap.get("expiresAt").isNull()).isFalse();
    }
}
