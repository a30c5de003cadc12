package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** My requests and my approvals show a page at a time, as the list of all requests does. */
class MyListsPagingTests extends ServedPagesTestBase {

    private static final Pattern NEXT = Pattern.compile("<a href=\"([^\"]+)\" rel=\"next\">Next page</a>");
    private static final Pattern CARD = Pattern.compile("<section class=\"card\"");

    @Test
    void myRequestsAndMyApprovalsGoOnPageByPage() {
        String lisa = api.person("lisa", "USER", PASSWORD);
        String asker = api.person("asker", "USER", PASSWORD);
        String resource = resourceApprovedBy(lisa);
        String token = api.tokenFor(asker);
        int made = RequestPages.PAGE_SIZE + 1;
        for (int i = 0; i < made; i++) {
            api.ask(token, resource, Map.of());
        }

        for (var list : List.of(Map.entry(asker, "/"), Map.entry(lisa, "/approvals"))) {
            Visitor browser = Visitor.signedIn(base, list.getKey(), PASSWORD);
            HttpResponse<String> first = browser.open(base + list.getValue());
            assertThat(cards(first)).as(list.getValue()).isEqualTo(RequestPages.PAGE_SIZE);
            assertThat(first.body()).doesNotContain("First page");

            Matcher next = NEXT.matcher(first.body());
            assertThat(next.find()).as(list.getValue()).isTrue();
            HttpResponse<String> second = browser.open(base + next.group(1).replace("&amp;", "&"));
            assertThat(cards(second)).as(list.getValue()).isEqualTo(made - RequestPages.PAGE_SIZE);
            assertThat(second.body())
                    .contains("<a href=\"" + list.getValue() + "\">First page</a>")
                    .doesNotContain("Next page");

            HttpResponse<String> refused = browser.open(base + list.getValue() + "?cursor=garbage");
            assertThat(refused.statusCode()).as(list.getValue()).isEqualTo(400);
            assertThat(refused.body()).contains("cursor: is not a cursor this service returned");
        }
    }

    private static long cards(HttpResponse<String> page) {
        return CARD.matcher(page.body()).results().count();
    }
}
