package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A time filter stays in its field from page to page: a {@code datetime-local} field shows a value
 * with a zone as empty, so a filter the pages' own links carry as an instant would look gone, and a
 * later press of Filter would drop it.
 */
class ListTimeFiltersTests extends ServedPagesTestBase {

    private static final Pattern NEXT = Pattern.compile("<a href=\"([^\"]+)\" rel=\"next\">Next page</a>");

    @Autowired
    MutableClock clock;

    @Test
    void theAuditLogKeepsItsTimeFilterInItsFieldsOnTheNextPage() {
        String from = clock.instant()
                .truncatedTo(ChronoUnit.MINUTES)
                .minus(1, ChronoUnit.MINUTES)
                .toString();
        String auditor = api.person("auditor", "AUDITOR", PASSWORD);
        for (int i = 0; i <= 50; i++) {
            api.asAdmin()
                    .post(
                            "/api/v1/groups",
                            Api.json(Map.of("name", Api.unique("filtered"), "members", List.of("admin"))))
                    .expect(201);
        }
        Visitor browser = Visitor.signedIn(base, auditor, PASSWORD);

        HttpResponse<String> first = browser.open(base + "/audit?action=group.created&from=" + from);
        assertThat(first.body()).contains(fromField(from));
        Matcher next = NEXT.matcher(first.body());
        assertThat(next.find()).isTrue();
        assertThat(next.group(1)).contains("from=");

        HttpResponse<String> second = browser.open(base + next.group(1).replace("&amp;", "&"));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).contains(fromField(from)).contains(">First page</a>");
    }

    @Test
    void theListOfRequestsShowsATimeGivenWithItsZoneInItsField() {
        String auditor = api.person("auditor", "AUDITOR", PASSWORD);
        Visitor browser = Visitor.signedIn(base, auditor, PASSWORD);

        HttpResponse<String> page =
                browser.open(base + "/requests?from=2026-12-01T09:30:00Z&to=2026-12-01T10:00:00.5Z");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("name=\"from\" value=\"2026-12-01T09:30\"")
                .contains("name=\"to\" value=\"2026-12-01T10:00:00.500\"");
    }

    /** The field as a browser can show it: UTC, no zone. */
    private static String fromField(String instant) {
        return "name=\"from\" value=\"" + instant.substring(0, "2026-12-01T09:30".length()) + "\"";
    }
}
