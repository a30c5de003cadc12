package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.countersign.directory.Directory;
import io.countersign.request.ActionTokens;
import io.countersign.shared.Channel;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.io.UnsupportedEncodingException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A control names in {@code aria-describedby} only what its page holds: a screen reader that follows a
 * name to nothing reads nothing, and checkers report the page as broken. A field's message is named
 * while it is shown, on the form as first opened and as shown again refused.
 */
@CountersignTest
class DescribedControlsTests extends AdminPagesTestBase {

    @Autowired
    ActionTokens actionTokens;

    @Autowired
    Directory directory;

    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]+)\"");
    private static final Pattern NAMED = Pattern.compile("\\saria-(?:describedby|labelledby)=\"([^\"]*)\"");

    @Test
    void theFormsAsFirstOpenedNameOnlyWhatTheyHold() {
        String group = Api.unique("group");
        browsing.post(admin, "/admin/groups", "name", group);
        String resource = Api.unique("db");
        browsing.post(admin, "/admin/resources", "name", resource, "type", "postgresql", "accounts", "admin");

        for (String page : List.of(
                "/requests/new",
                "/profile",
                "/admin/users/new",
                "/admin/users/admin",
                "/admin/groups/new",
                "/admin/groups/" + group,
                "/admin/resources/new",
                "/admin/resources/" + resource,
                "/admin/levels",
                "/admin/channels/new",
                "/admin/webhooks/new",
                "/admin/mail",
                "/admin/policies/new")) {
            assertNamesOnlyWhatItHolds(page, browsing.get(admin, page));
        }
    }

    @Test
    void theFormsShownAgainRefusedNameTheirMessages() {
        Map<String, MockHttpServletResponse> refused = Map.of(
                "/requests/new", browsing.post(admin, "/requests/new", "resource", "", "account", ""),
                "/profile/password",
                        browsing.post(admin, "/profile/password", "current", "wrong", "new", "x", "repeated", "y"),
                "/admin/users", browsing.post(admin, "/admin/users", "username", "", "email", "not an address"),
                "/admin/groups", browsing.post(admin, "/admin/groups", "name", "", "members", "ghost-nobody"),
                "/admin/resources", browsing.post(admin, "/admin/resources", "name", "", "type", ""),
                "/admin/levels", browsing.edit(admin, "/admin/levels", "levels", "not a level line\n!!"),
                "/admin/channels", browsing.post(admin, "/admin/channels", "name", "", "type", "SLACK"),
                "/admin/webhooks", browsing.post(admin, "/admin/webhooks", "url", "not a url"));

        refused.forEach((form, page) -> {
            assertThat(page.getStatus()).as(form).isGreaterThanOrEqualTo(400);
            assertThat(body(page)).as(form).contains("aria-invalid=\"true\"");
            assertNamesOnlyWhatItHolds(form, page);
        });
    }

    @Test
    void theRequestPageNamesOnlyTheCommentMessagesItShows() {
        String requester = api.tokenFor(api.person("asker", "USER", AdminBrowsing.PASSWORD));
        String resource =
                api.resourceGovernedBy(Map.of("steps", List.of(Map.of("approvers", List.of(Map.of("user", "admin"))))));
        String id = api.ask(requester, resource, Map.of());
        String page = "/requests/" + id;

        assertThat(body(browsing.get(admin, page))).contains("id=\"reject-comment\"");
        assertNamesOnlyWhatItHolds(page, browsing.get(admin, page));
        MockHttpServletResponse refused = browsing.post(admin, page + "/reject", "step", "0", "comment", "");
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(body(refused)).contains("aria-describedby=\"reject-comment-error\"");
        assertNamesOnlyWhatItHolds(page + "/reject", refused);
    }

    @Test
    void theDecisionLinkPageNamesItsCommentMessageWhileItShowsOne() throws Exception {
        String requester = api.tokenFor(api.person("asker", "USER", AdminBrowsing.PASSWORD));
        String resource =
                api.resourceGovernedBy(Map.of("steps", List.of(Map.of("approvers", List.of(Map.of("user", "admin"))))));
        String id = api.ask(requester, resource, Map.of());
        String page =
                "/actions/" + actionTokens.issue(id, 0, directory.idOf("admin").orElseThrow(), Channel.WEB);

        assertNamesOnlyWhatItHolds(page, browsing.get(admin, page));
        // a decision link is followed from a mail, signed in or not, and its form is sent as the browser sends it
        MockHttpServletResponse refused = mvc.perform(post(page)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("decision", "approve")
                        .param("comment", "x".repeat(2001)))
                .andReturn()
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(body(refused)).contains("aria-describedby=\"comment-error\"", "aria-invalid=\"true\"");
        assertNamesOnlyWhatItHolds(page, refused);
    }

    private static void assertNamesOnlyWhatItHolds(String page, MockHttpServletResponse response) {
        String html = body(response);
        assertThat(html).as(page).contains("<form");
        Set<String> ids =
                ID.matcher(html).results().map(found -> found.group(1)).collect(Collectors.toSet());
        List<String> missing = NAMED.matcher(html)
                .results()
                .map(MatchResult::group)
                .filter(named -> Arrays.stream(named.substring(named.indexOf('"') + 1, named.length() - 1)
                                .split("\\s+"))
                        .anyMatch(id -> !ids.contains(id)))
                .toList();
        assertThat(missing).as(page + " names ids it does not hold").isEmpty();
    }

    private static String body(MockHttpServletResponse response) {
        try {
            return response.getContentAsString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
