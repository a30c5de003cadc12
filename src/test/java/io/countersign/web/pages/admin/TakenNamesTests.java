package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A user or a group whose name is taken is refused at the name field, as any other refusal of that
 * field is: the field marked invalid and naming its message, the form keeping what was typed except a
 * password, and nothing saved.
 */
@CountersignTest
class TakenNamesTests extends AdminPagesTestBase {

    @Test
    void aUsernameTakenIsNamedAtTheUsernameField() throws Exception {
        String taken = api.person("dev", "USER", "a long enough password");

        MockHttpServletResponse refused = browsing.submit(
                admin,
                "/admin/users",
                "username",
                taken,
                "email",
                "other@example.com",
                "displayName",
                "Somebody Else",
                "role",
                "USER",
                "password",
                "a secret never shown again");

        String page = refused.getContentAsString();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(control(page, "username"))
                .contains("aria-invalid=\"true\"", "aria-describedby=\"username-error\"", "value=\"" + taken + "\"");
        assertThat(message(page, "username")).contains("already exists");
        assertThat(control(page, "displayName")).contains("value=\"Somebody Else\"");
        assertThat(control(page, "email")).contains("value=\"other@example.com\"");
        assertThat(page).doesNotContain("a secret never shown again");
    }

    @Test
    void aGroupNameTakenIsNamedAtTheNameField() throws Exception {
        String taken = Api.unique("team");
        browsing.post(admin, "/admin/groups", "name", taken);
        String member = api.person("dev", "USER", "a long enough password");

        MockHttpServletResponse refused = browsing.submit(admin, "/admin/groups", "name", taken, "members", member);

        String page = refused.getContentAsString();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(control(page, "name"))
                .contains("aria-invalid=\"true\"", "aria-describedby=\"name-error\"", "value=\"" + taken + "\"");
        assertThat(message(page, "name")).contains("already exists");
        assertThat(page).contains(">" + member + "</textarea>");
    }

    private static String control(String page, String id) {
        Matcher found =
                Pattern.compile("<input\\b[^>]*\\bid=\"" + id + "\"[^>]*>").matcher(page);
        assertThat(found.find()).as("an input with id %s", id).isTrue();
        return found.group();
    }

    private static String message(String page, String id) {
        Matcher found = Pattern.compile("<p[^>]*\\bid=\"" + id + "-error\"[^>]*>([^<]*)</p>")
                .matcher(page);
        return found.find() ? found.group(1) : null;
    }
}
