package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

class UnreadValuesModuleTests {

    record Step(String name, int weight) {}

    record Body(String title, List<Step> steps, List<String> tags) {}

    record Window(Instant from, Duration length, UUID id) {}

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(UnreadValuesModule.inReaderAttribute((refusal, field) -> new FieldIssue(
                    field,
                    refusal instanceof InputCoercionException ? "out_of_range" : "invalid_type",
                    "has the wrong type")))
            .build();

    private static ObjectReader noting(UnreadValues unread) {
        return MAPPER.readerFor(Body.class).withAttribute(UnreadValues.ATTRIBUTE, unread);
    }

    @Test
    void unknownFieldsAndValuesOfTheWrongTypeAreNotedWhereTheyStoodAndTheRestIsRead() {
        UnreadValues unread = new UnreadValues();

        Body body = noting(unread)
                .readValue("{\"extra\": {\"a\": [1, {}]}, \"title\": {\"x\": [1]}, \"steps\": [{\"name\": [\"n\"],"
                        + " \"weight\": \"heavy\"}, {\"name\": \"b\", \"weight\": 99999999999, \"odd\": 1}],"
                        + " \"tags\": \"one\"}");

        assertThat(unread.issues())
                .extracting(issue -> issue.field() + ":" + issue.code())
                .containsExactlyInAnyOrder(
                        "extra:unknown_field",
                        "title:invalid_type",
                        "steps[0].name:invalid_type",
                        "steps[0].weight:invalid_type",
                        "steps[1].weight:out_of_range",
                        "steps[1].odd:unknown_field",
                        "tags:invalid_type");
        assertThat(body.title()).isNull();
        assertThat(body.tags()).isNull();
        assertThat(body.steps()).containsExactly(new Step(null, 0), new Step("b", 0));
    }

    @Test
    void timesAndDurationsThatCannotBeReadAreNotedWhileAnyOtherTextInTheWrongFormatStopsTheReading() {
        UnreadValues unread = new UnreadValues();

        Window window = MAPPER.readerFor(Window.class)
                .withAttribute(UnreadValues.ATTRIBUTE, unread)
                .readValue("{\"from\": \"tomorrow\", \"length\": \"a while\"}");

        assertThat(unread.issues())
                .extracting(issue -> issue.field() + ":" + issue.code())
                .containsExactly("from:invalid_type", "length:invalid_type");
        assertThat(window).isEqualTo(new Window(null, null, null));
        assertThatThrownBy(() -> MAPPER.readerFor(Window.class)
                        .withAttribute(UnreadValues.ATTRIBUTE, new UnreadValues())
                        .readValue("{\"id\": \"not-a-uuid\"}"))
                .isInstanceOf(InvalidFormatException.class);
    }

    @Test
    void aDocumentThatCannotBeParsedOrIsOfTheWrongTypeStillStopsTheReading() {
        assertThatThrownBy(() -> noting(new UnreadValues()).readValue("{\"title\": {\"x\": }"))
                .isInstanceOf(StreamReadException.class);
        assertThatThrownBy(() -> noting(new UnreadValues()).readValue("[1]"))
                .isInstanceOf(MismatchedInputException.class);
    }

    @Test
    void aReaderGivenNowhereToNoteStopsAtTheFirstUnknownFieldOrWrongType() {
        assertThatThrownBy(() -> MAPPER.readValue("{\"extra\": 1}", Body.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
        assertThatThrownBy(() -> MAPPER.readValue("{\"title\": {}}", Body.class))
                .isInstanceOf(MismatchedInputException.class);
    }
}
