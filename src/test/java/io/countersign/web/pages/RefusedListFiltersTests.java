package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A list whose filter is refused is shown again, not swapped for an error page: its filter form holds
 * the refused value, the message stands at the filter it is about (named by the control's
 * aria-describedby), the status is 400 and nothing is listed. Every list refuses alike, whether the value
 * is one the list does not take or a filter given twice.
 */
class RefusedListFiltersTests extends ServedPagesTestBase {

    @Test
    void aDeliveryStateTheListDoesNotOfferIsNamedAtTheStateFilter() {
        Visitor admin = Visitor.signedIn(base, api.person("admin", "ADMIN", PASSWORD), PASSWORD);
        String webhook = api.webhook("https://hooks.example.com/in", "request.created");

        HttpResponse<String> seen = admin.open(base + "/admin/webhooks/" + webhook + "/deliveries?state=LOST");

        assertThat(seen.statusCode()).isEqualTo(400);
        assertThat(seen.body()).contains("Deliveries of webhook").doesNotContain("Bad Request - Countersign", "<table");
        assertThat(control(seen.body(), "select", "state"))
                .contains("aria-invalid=\"true\"", "aria-describedby=\"state-error\"");
        assertThat(message(seen.body(), "state")).contains("must be one of", "DEAD");
        assertThat(seen.body()).containsPattern("<option[^>]*value=\"LOST\"[^>]*selected");
    }

    @Test
    void aFilterGivenTwiceIsNamedAtThatFilterOnEveryList() {
        Visitor auditor = Visitor.signedIn(base, api.person("auditor", "AUDITOR", PASSWORD), PASSWORD);
        Visitor admin = Visitor.signedIn(base, api.person("admin", "ADMIN", PASSWORD), PASSWORD);

        record Asked(Visitor who, String address, String filter, String heading) {}
        for (Asked asked : java.util.List.of(
                new Asked(auditor, "/audit?actor=dev&actor=admin", "actor", "Audit log"),
                new Asked(auditor, "/requests?requester=dev&requester=lisa", "requester", "All requests"),
                new Asked(admin, "/admin/users?q=a&q=b", "q", "Users"))) {
            HttpResponse<String> seen = asked.who().open(base + asked.address());
            assertThat(seen.statusCode()).as(asked.address()).isEqualTo(400);
            assertThat(seen.body())
                    .as(asked.address())
                    .contains("<h1>" + asked.heading() + "</h1>")
                    .doesNotContain("Bad Request - Countersign", "<table");
            assertThat(control(seen.body(), "input", asked.filter()))
                    .as(asked.address())
                    .contains("aria-invalid=\"true\"", "aria-describedby=\"" + asked.filter() + "-error\"");
            assertThat(message(seen.body(), asked.filter())).as(asked.address()).contains("must be given once");
        }
    }

    @Test
    void aRefusedValueTypedIntoAFilterIsNamedAtItAndKeptInTheForm() {
        Visitor auditor = Visitor.signedIn(base, api.person("auditor", "AUDITOR", PASSWORD), PASSWORD);

        HttpResponse<String> audit = auditor.open(base + "/audit?from=yesterday&actor=dev");
        HttpResponse<String> requests = auditor.open(base + "/requests?to=soon");

        assertThat(audit.statusCode()).isEqualTo(400);
        assertThat(control(audit.body(), "input", "from")).contains("aria-invalid=\"true\"", "value=\"yesterday\"");
        assertThat(control(audit.body(), "input", "actor"))
                .contains("value=\"dev\"")
                .doesNotContain("aria-invalid=\"true\"");
        assertThat(message(audit.body(), "from")).isNotBlank();
        assertThat(audit.body()).doesNotContain("<table id=\"events\"");
        assertThat(requests.statusCode()).isEqualTo(400);
        assertThat(control(requests.body(), "input", "to"))
                .contains("aria-invalid=\"true\"", "aria-describedby=\"to-error\"");
        assertThat(requests.body()).doesNotContain("<table id=\"requests\"");
    }

    @Test
    void aBreakGlassReviewFilterGivenTwiceOrUnreadIsNamedBesideTheFilterLinks() {
        Visitor auditor = Visitor.signedIn(base, api.person("auditor", "AUDITOR", PASSWORD), PASSWORD);

        for (String address :
                java.util.List.of("/breakglass?overdue=true&overdue=false", "/breakglass?overdue=maybe")) {
            HttpResponse<String> seen = auditor.open(base + address);
            assertThat(seen.statusCode()).as(address).isEqualTo(400);
            assertThat(seen.body())
                    .as(address)
                    .contains("<h1>Break-glass uses</h1>")
                    .doesNotContain("<table");
            assertThat(seen.body())
                    .as(address)
                    .containsPattern("<nav aria-label=\"Review\"[^>]*aria-describedby=\"overdue-error\"");
            assertThat(message(seen.body(), "overdue")).as(address).isNotBlank();
        }
    }

    @Test
    void aParameterTheListDoesNotTakeIsNamedAboveItWithNothingListed() {
        Visitor auditor = Visitor.signedIn(base, api.person("auditor", "AUDITOR", PASSWORD), PASSWORD);

        HttpResponse<String> seen = auditor.open(base + "/audit?actorr=admin");

        assertThat(seen.statusCode()).isEqualTo(400);
        assertThat(seen.body())
                .contains("<h1>Audit log</h1>", "actorr: is not a parameter of this page")
                .doesNotContain("Bad Request - Countersign", "<table id=\"events\"");
    }

    @Test
    void aControlCharacterInAnAuditFilterIsNamedAtItRatherThanDroppedForTheWholeLog() {
        Visitor auditor = Visitor.signedIn(base, api.person("auditor", "AUDITOR", PASSWORD), PASSWORD);

        for (String asked : java.util.List.of("requestId=%01", "requestId=%00", "action=%01", "action=req-1%0A")) {
            String filter = asked.substring(0, asked.indexOf('='));
            HttpResponse<String> seen = auditor.open(base + "/audit?" + asked);

            assertThat(seen.statusCode()).as(asked).isEqualTo(400);
            assertThat(seen.body()).as(asked).contains("<h1>Audit log</h1>").doesNotContain("<table id=\"events\"");
            assertThat(control(seen.body(), "input", filter))
                    .as(asked)
                    .contains("aria-invalid=\"true\"", "aria-describedby=\"" + filter + "-error\"");
            assertThat(message(seen.body(), filter)).as(asked).contains("must not contain control characters");
        }
    }

    @Test
    void anExportAskedWithAControlCharacterInAFilterIsRefusedRatherThanTheWholeLogExported() {
        Visitor auditor = Visitor.signedIn(base, api.person("auditor", "AUDITOR", PASSWORD), PASSWORD);

        for (String asked : java.util.List.of("requestId=%01", "action=%01", "requestId=%00")) {
            HttpResponse<String> seen = auditor.open(base + "/audit/export?format=csv&" + asked);

            assertThat(seen.statusCode()).as(asked).isEqualTo(400);
            assertThat(seen.body())
                    .as(asked)
                    .contains("must not contain control characters")
                    .doesNotContain("user.created");
        }
    }

    @Test
    void aFilterTheApiWouldRefuseForItsTextIsNamedAtItOnEveryListNeverAFailure() {
        Visitor auditor = Visitor.signedIn(base, api.person("auditor", "AUDITOR", PASSWORD), PASSWORD);
        String long3000 = "r".repeat(3000);
        for (String value : java.util.List.of("%00", "%01", "db%0A", "%E2%80%AEdb", long3000)) {
            for (String filter : java.util.List.of("requester", "resource", "status", "from", "to")) {
                String address = "/requests?" + filter + "=" + value;
                HttpResponse<String> seen = auditor.open(base + address);

                assertThat(seen.statusCode()).as(address).isEqualTo(400);
                assertThat(seen.body())
                        .as(address)
                        .contains("<h1>All requests</h1>")
                        .doesNotContain("<table id=\"requests\"");
                assertThat(message(seen.body(), filter))
                        .as(address)
                        .containsAnyOf("must not contain control characters", "must be at most 1024 characters");
            }
        }
    }

    @Test
    void aFilterOrCursorTheApiWouldRefuseForItsTextIsRefusedOnEveryListPage() {
        String admin = api.person("admin", "ADMIN", PASSWORD);
        Visitor browser = Visitor.signedIn(base, admin, PASSWORD);
        String webhook = api.webhook("https://hooks.example.com/in", "request.created");

        record Asked(String address, String filter, String heading) {}
        for (Asked asked : java.util.List.of(
                new Asked("/admin/users?q=%00", "q", "Users"),
                new Asked("/admin/users?q=" + "u".repeat(3000), "q", "Users"),
                new Asked("/admin/webhooks/" + webhook + "/deliveries?state=%00", "state", "Deliveries of webhook"),
                new Asked("/breakglass?overdue=%01", "overdue", "Break-glass uses"),
                new Asked("/audit?from=%012026-01-01T00:00", "from", "Audit log"),
                new Asked("/audit?actor=dev&cursor=%00", null, "Audit log"),
                new Asked("/requests?cursor=%01", null, "All requests"),
                new Asked("/approvals?cursor=%00", null, "My approvals"),
                new Asked("/?cursor=%00", null, "My requests"),
                new Asked("/breakglass?cursor=%00", null, "Break-glass uses"),
                new Asked("/admin/users?cursor=%00", null, "Users"),
                new Asked("/admin/webhooks/" + webhook + "/deliveries?cursor=%00", null, "Deliveries of webhook"))) {
            HttpResponse<String> seen = browser.open(base + asked.address());

            assertThat(seen.statusCode()).as(asked.address()).isEqualTo(400);
            assertThat(seen.body())
                    .as(asked.address())
                    .contains(asked.heading())
                    .doesNotContain("Bad Request - Countersign", "<table");
            if (asked.filter() == null) {
                assertThat(seen.body()).as(asked.address()).contains("cursor: must not contain control characters");
            } else {
                assertThat(message(seen.body(), asked.filter()))
                        .as(asked.address())
                        .containsAnyOf("must not contain control characters", "must be at most 1024 characters");
            }
        }
    }

    /** The opening tag of the control with {@code id}. */
    private static String control(String page, String tag, String id) {
        Matcher found = Pattern.compile("<" + tag + "\\b[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>")
                .matcher(page);
        assertThat(found.find()).as("a <%s id=%s> in the page", tag, id).isTrue();
        return found.group();
    }

    /** The text of the message the control {@code id} names, or null. */
    private static String message(String page, String id) {
        Matcher found = Pattern.compile("<p[^>]*\\bid=\"" + Pattern.quote(id) + "-error\"[^>]*>([^<]*)</p>")
                .matcher(page);
        return found.find() ? found.group(1) : null;
    }
}
