package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.directory.Directory;
import io.countersign.request.ActionTokenRefused.Reason;
import io.countersign.request.Organisation.Person;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Dev, Lisa and Sam, the action tokens, and ways to read what a token changed. */
abstract class ActionTokensTestBase extends DevAndLisaTestBase {

    @Autowired
    ActionTokens tokens;

    @Autowired
    Directory directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    Person sam;

    @BeforeEach
    void cast() {
        sam = org.person("sam");
    }

    /** The delegator hands their approvals to the delegate for a day; answers the delegation's id. */
    String delegate(Person from, Person to) {
        return api.delegate(
                from.token(), from.name(), to.name(), clock.instant().plus(Duration.ofDays(1)));
    }

    void assertRefused(Runnable call, Reason reason) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        ActionTokenRefused.class, e -> assertThat(e.refusal()).isEqualTo(reason));
    }

    /** The request has no decision and the token is still unused. */
    void assertUnchanged(String id, String token) {
        assertThat(read(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(read(id).get("decisions")).isEmpty();
        assertThat(tokens.peek(token).orElseThrow().used()).isFalse();
    }

    String idOf(Person person) {
        return directory.idOf(person.name()).orElseThrow();
    }

    JsonNode read(String id) {
        return api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
    }
}
