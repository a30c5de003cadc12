package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditQueryTests {

    @Test
    void withoutParametersTheQueryListsTheNewestFiftyEvents() {
        var query = AuditQuery.fromParameters(null, null, null, null, null, null, null);

        assertThat(query).isEqualTo(AuditQuery.newest(50));
        assertThat(query.beforeId()).isNull();
    }

    @Test
    void blankParametersCountAsAbsent() {
        var query = AuditQuery.fromParameters(" ", "", "  ", "", " ", "", "");

        assertThat(query).isEqualTo(AuditQuery.newest(AuditQuery.DEFAULT_LIMIT));
    }

    @Test
    void namesAreMatchedInTheirCanonicalLowerCaseForm() {
        var query = AuditQuery.fromParameters(" REQ-ABCDEFGH ", " Alice ", "User.Created", null, null, null, "10");

        assertThat(query.requestId()).isEqualTo("req-abcdefgh");
        assertThat(query.actor()).isEqualTo("alice");
        assertThat(query.action()).isEqualTo("user.created");
        assertThat(query.limit()).isEqualTo(10);
    }

    @Test
    void aControlCharacterAtEitherEndIsRefusedRatherThanTrimmedIntoNoFilter() {
        assertThatThrownBy(
                        () -> AuditQuery.fromParameters("\u0001", " Alice ", "user.created\n", null, null, null, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues())
                                .extracting(FieldIssue::field, FieldIssue::code)
                                .containsExactly(
                                        tuple("requestId", "invalid_character"), tuple("action", "invalid_character")));
        assertThatThrownBy(() -> AuditQuery.fromParameters("\u0000req-1", null, null, null, null, null, null))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void instantsFinerThanTheStoredMicrosecondAreRoundedUpSoThatBoundsStayWhereTheyWereGiven() {
        // an event stored at .369736 is before a from of .369736001 and before a to of the same value:
        // rounded to the nearest microsecond, the bound would have taken it in or left it out wrongly
        var query = AuditQuery.fromParameters(
                null, null, null, "2026-12-07T10:00:13.369736001Z", "2026-12-07T10:00:14.000000999Z", null, null);

        assertThat(query.from()).isEqualTo(Instant.parse("2026-12-07T10:00:13.369737Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-12-07T10:00:14.000001Z"));
        assertThat(AuditQuery.fromParameters(null, null, null, "2026-12-07T10:00:13.369736Z", null, null, null)
                        .from())
                .isEqualTo(Instant.parse("2026-12-07T10:00:13.369736Z"));
    }

    @Test
    void instantsAreReadInIso8601WithAnyOffset() {
        var query = AuditQuery.fromParameters(
                null, null, null, "2025-01-31T09:30:00Z", "2025-01-31T12:30:00.5+02:00", null, null);

        assertThat(query.from()).isEqualTo(Instant.parse("2025-01-31T09:30:00Z"));
        assertThat(query.to()).isEqualTo(Instant.parse("2025-01-31T10:30:00.5Z"));
    }

    @Test
    void everyMalformedParameterIsReportedAtOnceByName() {
        assertThatThrownBy(() -> AuditQuery.fromParameters(
                        "r".repeat(33),
                        "a".repeat(129),
                        "x".repeat(65),
                        "yesterday",
                        "2025-13-01T00:00:00Z",
                        "%%",
                        "ten"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues())
                                .extracting(FieldIssue::field, FieldIssue::code)
                                .containsExactlyInAnyOrder(
                                        tuple("from", "invalid_value"),
                                        tuple("to", "invalid_value"),
                                        tuple("limit", "invalid_value"),
                                        tuple("requestId", "too_long"),
                                        tuple("actor", "too_long"),
                                        tuple("action", "too_long"),
                                        tuple("cursor", "invalid_cursor")));
    }

    @Test
    void theLimitRunsFromOneToFiveHundred() {
        assertThat(AuditQuery.fromParameters(null, null, null, null, null, null, "1")
                        .limit())
                .isEqualTo(1);
        assertThat(AuditQuery.fromParameters(null, null, null, null, null, null, "500")
                        .limit())
                .isEqualTo(500);
        assertRejected("0", "limit", "out_of_range");
        assertRejected("501", "limit", "out_of_range");
        assertRejected("-3", "limit", "out_of_range");
    }

    @Test
    void theLimitIsDecimalDigitsOnlyAsEveryOtherListsIs() {
        for (String limit : new String[] {"+5", "0x10", "1 2", "\u0665", "5.0"}) {
            assertRejected(limit, "limit", "invalid_value");
        }
    }

    @Test
    void theEndOfTheWindowMustBeLaterThanItsStart() {
        assertThatThrownBy(() -> AuditQuery.fromParameters(
                        null, null, null, "2025-01-31T10:00:00Z", "2025-01-31T10:00:00Z", null, null))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues())
                                .extracting(FieldIssue::field, FieldIssue::code)
                                .containsExactly(tuple("to", "before_from")));
    }

    @Test
    void aCursorTheServiceIssuedLeadsBelowTheLastIdOfThePreviousPage() {
        String cursor = AuditCursor.after(AuditCursor.EVENTS, 120);

        var query = AuditQuery.fromParameters(null, null, null, null, null, cursor, null);

        assertThat(query.beforeId()).isEqualTo(120L);
    }

    @Test
    void aForgedOrDamagedCursorIsRefused() {
        for (String forged : new String[] {"before:12", "YmVmb3JlOg", "YmVmb3JlOi0x", "YWZ0ZXI6MTI", "YmVmb3JlOjA"}) {
            assertThatThrownBy(() -> AuditQuery.fromParameters(null, null, null, null, null, forged, null))
                    .as(forged)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("cursor");
        }
    }

    @Test
    void aQueryBuiltInCodeIsCheckedTheSameWay() {
        var query = new AuditQuery(null, null, null, null, null, null, 0);

        assertThatThrownBy(query::check).isInstanceOf(InvalidInputException.class);
    }

    private static void assertRejected(String limit, String field, String code) {
        assertThatThrownBy(() -> AuditQuery.fromParameters(null, null, null, null, null, null, limit))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues())
                                .extracting(FieldIssue::field, FieldIssue::code)
                                .containsExactly(tuple(field, code)));
    }
}
