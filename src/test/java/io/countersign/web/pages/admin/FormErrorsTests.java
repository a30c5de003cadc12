package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.ConflictException;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormErrorsTests {

    @Test
    void eachIssueIsShownAtTheControlItConcernsSayingWhichEntry() {
        FormErrors errors = FormErrors.of(new InvalidInputException(List.of(
                new FieldIssue("email", "invalid_email", "is not an e-mail address"),
                new FieldIssue("members[0]", "unknown_user", "'ghost' is not a known user"),
                new FieldIssue("members[2]", "invalid_name", "must be letters"),
                new FieldIssue("labels.env", "too_long", "is too long"))));

        assertThat(errors.of("email")).isEqualTo("is not an e-mail address");
        assertThat(errors.of("members")).isEqualTo("entry 1: 'ghost' is not a known user; entry 3: must be letters");
        assertThat(errors.of("labels")).isEqualTo("'env': is too long");
        assertThat(errors.of("username")).isNull();
        assertThat(errors.summary()).startsWith("Nothing was saved");
    }

    @Test
    void aRefusalOfNoSingleFieldIsShownAboveTheForm() {
        FormErrors errors = FormErrors.of(new ConflictException("A user named 'dev' already exists."));

        assertThat(errors.fields()).isEmpty();
        assertThat(errors.summary()).isEqualTo("Nothing was saved: A user named 'dev' already exists.");
    }

    @Test
    void aConflictCausedByOneFieldIsShownAtThatFieldAndAboveTheForm() {
        FormErrors errors = FormErrors.of(new ConflictException(
                "The change would leave no active administrator.",
                List.of(new FieldIssue("role", "last_admin", "would leave no active administrator"))));

        assertThat(errors.of("role")).isEqualTo("would leave no active administrator");
        assertThat(errors.summary()).isEqualTo("Nothing was saved: The change would leave no active administrator.");
    }
}
