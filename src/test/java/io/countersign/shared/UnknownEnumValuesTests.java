package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.json.JsonMapper;

class UnknownEnumValuesTests {

    record Step(Role role, String name) {}

    record Body(List<Step> steps) {}

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .addModule(
                    UnreadValuesModule.inReaderAttribute((refusal, field) -> new FieldIssue(field, "invalid_type", "")))
            .build();

    @Test
    void anUnknownNameIsReadAsNoneAndNotedWhereItStoodWithTheNamesTheFieldTakes() {
        UnreadValues unread = new UnreadValues();
        ObjectReader reader = MAPPER.readerFor(Body.class).withAttribute(UnreadValues.ATTRIBUTE, unread);

        Body body = reader.readValue(
                "{\"steps\": [{\"role\": \"USER\", \"name\": \"a\"}, {\"role\": \"ROOT\", \"name\": \"b\"}, {\"role\": 7}]}");

        assertThat(body.steps()).extracting(Step::role).containsExactly(Role.USER, null, null);
        assertThat(body.steps().get(1).name()).isEqualTo("b");
        assertThat(unread.issues())
                .containsExactly(
                        new FieldIssue(
                                "steps[1].role", "invalid_value", "must be one of ADMIN, AUDITOR, USER, ENFORCER"),
                        new FieldIssue(
                                "steps[2].role", "invalid_type", "must be one of ADMIN, AUDITOR, USER, ENFORCER"));
    }

    @Test
    void aReaderGivenNowhereToNoteItRefusesTheNameAsBefore() {
        assertThatThrownBy(() -> MAPPER.readValue("{\"steps\": [{\"role\": \"ROOT\"}]}", Body.class))
                .isInstanceOf(InvalidFormatException.class);
    }
}
