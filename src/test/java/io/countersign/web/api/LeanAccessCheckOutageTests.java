package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import io.countersign.shared.database.DatabaseUnavailableException;
import io.countersign.shared.database.NotificationFence;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * While the database is out of reach, the lean path denies with the full path's 503, headers and body,
 * and both count the check as unavailable.
 */
@CountersignTest
class LeanAccessCheckOutageTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    MeterRegistry meters;

    @MockitoBean
    NotificationFence fence;

    @Test
    void aCheckTheDatabaseCannotAnswerIsDeniedAsOnTheFullPath() {
        when(fence.await()).thenThrow(new DatabaseUnavailableException("the database cannot be reached", null));
        LeanCalls calls = new LeanCalls(mvc, meters);
        String query = "user=dev&resource=db&account=root";
        double unavailable = checks("unavailable");
        double denied = checks("denied");

        LeanCalls.Answer lean = calls.lean(Api.ADMIN_TOKEN, query, false);
        LeanCalls.Answer full = calls.full(Api.ADMIN_TOKEN, query, false);

        assertThat(lean.status()).isEqualTo(503);
        assertThat(lean.headers()).containsEntry("retry-after", "1");
        assertThat(lean.body()).contains("\"allowed\":false", "\"instance\":\"/api/v1/access/check\"");
        assertThat(lean).isEqualTo(full);
        assertThat(meters.find("http.server.requests")
                        .tag("method", "GET")
                        .tag("uri", LeanCalls.PATH)
                        .tag("status", "503")
                        .timer()
                        .count())
                .as("both timed as calls of the check")
                .isEqualTo(2);
        assertThat(checks("unavailable"))
                .as("counted apart from the checks denied for want of a grant")
                .isEqualTo(unavailable + 2);
        assertThat(checks("denied")).isEqualTo(denied);
    }

    private double checks(String outcome) {
        Counter counter =
                meters.find("countersign.access.checks").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
