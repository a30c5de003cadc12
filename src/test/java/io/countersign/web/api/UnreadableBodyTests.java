package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.Role;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class UnreadableBodyTests {

    record Body(Role role) {}

    record Times(Duration duration, Instant until) {}

    private static FieldIssue issueOf(String json, Class<?> type) {
        JacksonException refused = catchThrowableOfType(
                JacksonException.class, () -> JsonMapper.builder().build().readValue(json, type));
        return UnreadableBody.issue(
                new HttpMessageNotReadableException("unreadable", refused, new MockHttpInputMessage(new byte[0])));
    }

    record Counted(Integer requiredApprovals) {}

    record Stepped(java.util.List<Counted> steps) {}

    @Test
    void aCountOfApprovalsBeyondAnyNumberIsToldTheRangeItMustLieIn() {
        assertThat(issueOf("{\"steps\": [{\"requiredApprovals\": 1" + "0".repeat(30) + "}]}", Stepped.class))
                .isEqualTo(new FieldIssue("steps[0].requiredApprovals", "out_of_range", "must be between 1 and 100"));
    }

    @Test
    void aDurationInWeeksIsToldWhichUnitsAreTaken() {
        assertThat(issueOf("{\"duration\": \"P1W\"}", Times.class))
                .isEqualTo(new FieldIssue(
                        "duration",
                        "invalid_value",
                        "must be an ISO-8601 duration in days, hours, minutes or seconds, such as PT1H or P1D"));
    }

    @Test
    void aMistypedDurationOrInstantIsSaidByExampleWithoutTheTypeOrTheValue() {
        assertThat(issueOf("{\"duration\": \"2h-secret\"}", Times.class))
                .isEqualTo(new FieldIssue(
                        "duration",
                        "invalid_value",
                        "must be an ISO-8601 duration in days, hours, minutes or seconds, such as PT1H or P1D"));
        assertThat(issueOf("{\"until\": \"2029-07-01-secret\"}", Times.class))
                .isEqualTo(new FieldIssue(
                        "until", "invalid_value", "must be an ISO-8601 instant such as 2025-01-31T09:30:00Z"));
    }

    @Test
    void anUnknownEnumNameInABodyReadStrictlyIsNamedWithTheAllowedOnesButNotRepeated() {
        JacksonException refused = catchThrowableOfType(
                JacksonException.class,
                () -> JsonMapper.builder().build().readValue("{\"role\": \"pasted-secret-0a1b\"}", Body.class));

        FieldIssue issue = UnreadableBody.issue(
                new HttpMessageNotReadableException("unreadable", refused, new MockHttpInputMessage(new byte[0])));

        assertThat(issue)
                .isEqualTo(new FieldIssue("role", "invalid_value", "must be one of ADMIN, AUDITOR, USER, ENFORCER"));
    }
}
