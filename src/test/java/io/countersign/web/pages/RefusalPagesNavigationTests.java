package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Every refusal page a signed-in person meets offers the navigation and Sign out of every other page,
 * whatever its status: not only "Not found" and "Not allowed" but a refused filter (400) and a method
 * the address does not take (405), which Spring's own error handling answers.
 */
class RefusalPagesNavigationTests extends ServedPagesTestBase {

    @Test
    void aRefusedFilterAndAWrongMethodKeepTheNavigation() {
        String auditor = api.person("auditor", "AUDITOR", PASSWORD);
        Visitor visitor = Visitor.signedIn(base, auditor, PASSWORD);
        String menu = menu(visitor.open(base + "/audit").body());

        HttpResponse<String> refused = visitor.open(base + "/audit?actorr=1");
        HttpResponse<String> wrongMethod = visitor.open(base + "/requests/req-abcdefghjkmnpqrs/approve");

        assertThat(refused.statusCode()).isEqualTo(400);
        // a refused filter is shown on its list, at the filter (RefusedListFiltersTests)
        assertThat(refused.body()).contains("<title>Audit - Countersign", "actorr", "Sign out");
        assertThat(menu(refused.body())).isEqualTo(menu);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.body()).contains("<title>Method Not Allowed - Countersign", "Sign out");
        assertThat(menu(wrongMethod.body())).isEqualTo(menu);
    }

    /** The page's main navigation, where it marks no link as the current page. */
    private static String menu(String page) {
        int start = page.indexOf("<nav aria-label=\"Main\"");
        assertThat(start).as("the page has the main navigation").isNotNegative();
        return page.substring(start, page.indexOf("</nav>", start)).replace(" aria-current=\"page\"", "");
    }
}
