package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.Role;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class UnreadableBodyTests {

    record Body(Role role) {}

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
