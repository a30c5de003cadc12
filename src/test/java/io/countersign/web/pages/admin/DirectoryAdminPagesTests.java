package io.countersign.web.pages.admin;

import static io.countersign.testing.Api.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/** The groups and levels pages: every form's success, its refusal shown at the field, and no change on error. */
@CountersignTest
class DirectoryAdminPagesTests extends AdminPagesTestBase {

    @Test
    void aGroupIsCreatedEditedAndDeletedWithItsMembersAndManagers() throws Exception {
        String dev = people.user("dev");
        String ops = people.user("ops");
        String lead = people.user("lead");
        String name = Api.unique("team");

        MockHttpServletResponse created =
                browsing.post(admin, "/admin/groups", "name", name, "members", dev + ", " + ops, "managers", lead);

        assertThat(browsing.follow(admin, created)).contains("Group " + name + " is created.");
        JsonNode group = api.asAdmin().get("/api/v1/groups/" + name).expect(200).json();
        assertThat(strings(group.get("members"))).containsExactlyInAnyOrder(dev, ops);
        assertThat(strings(group.get("managers"))).containsExactly(lead);

        browsing.edit(admin, "/admin/groups/" + name, "members", dev, "managers", "");
        group = api.asAdmin().get("/api/v1/groups/" + name).expect(200).json();
        assertThat(strings(group.get("members"))).containsExactly(dev);
        assertThat(strings(group.get("managers"))).isEmpty();
        assertThat(browsing.get(admin, "/admin/groups").getContentAsString()).contains(name, dev);

        MockHttpServletResponse deleted = browsing.post(admin, "/admin/groups/" + name + "/delete");
        assertThat(browsing.follow(admin, deleted)).contains("Group " + name + " is deleted.");
        api.asAdmin().get("/api/v1/groups/" + name).expect(404);
    }

    @Test
    void aGroupWithAnUnknownMemberIsRefusedAtTheFieldAndNothingIsSaved() throws Exception {
        String name = Api.unique("team");
        String dev = people.user("dev");

        MockHttpServletResponse refused =
                browsing.post(admin, "/admin/groups", "name", name, "members", dev + ", ghost-" + name);

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("Nothing was saved", "<p class=\"field-error\" id=\"members-error\">")
                .contains("is not a known user", dev + ", ghost-" + name);
        api.asAdmin().get("/api/v1/groups/" + name).expect(404);

        api.asAdmin()
                .post("/api/v1/groups", Api.json(java.util.Map.of("name", name, "members", List.of(dev))))
                .expect(201);
        MockHttpServletResponse edit = browsing.edit(admin, "/admin/groups/" + name, "managers", "ghost-" + name);
        assertThat(edit.getStatus()).isEqualTo(400);
        assertThat(edit.getContentAsString()).contains("id=\"managers-error\"");
        assertThat(strings(api.asAdmin()
                        .get("/api/v1/groups/" + name)
                        .expect(200)
                        .json()
                        .get("members")))
                .containsExactly(dev);
        assertThat(browsing.get(admin, "/admin/groups/missing-" + name).getStatus())
                .isEqualTo(404);
    }

    @Test
    void theLevelsAreSavedInOrderAndABadListChangesNothing() throws Exception {
        List<String> before =
                strings(api.asAdmin().get("/api/v1/levels").expect(200).json());
        List<String> after = new ArrayList<>(before);
        String top = Api.unique("top");
        after.add(top);

        MockHttpServletResponse saved = browsing.edit(admin, "/admin/levels", "levels", String.join("\n", after));

        assertThat(browsing.follow(admin, saved)).contains("The levels are saved.", top);
        assertThat(strings(api.asAdmin().get("/api/v1/levels").expect(200).json()))
                .containsExactlyElementsOf(after);

        MockHttpServletResponse refused =
                browsing.edit(admin, "/admin/levels", "levels", String.join("\n", after) + "\nNot A Level!");
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("Nothing was saved", "Not A Level!", "field-error");
        assertThat(strings(api.asAdmin().get("/api/v1/levels").expect(200).json()))
                .containsExactlyElementsOf(after);
    }

    @Test
    void aRepeatedLevelIsNamedByTheLinesAsPeopleCountThem() throws Exception {
        List<String> levels = new ArrayList<>(
                strings(api.asAdmin().get("/api/v1/levels").expect(200).json()));
        String first = levels.isEmpty() ? Api.unique("base") : levels.get(0);
        if (levels.isEmpty()) {
            levels.add(first);
        }
        levels.add(first);

        MockHttpServletResponse refused = browsing.edit(admin, "/admin/levels", "levels", String.join("\n", levels));

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("entry " + levels.size() + ": &#39;" + first + "&#39; is already entry 1 of the levels")
                .doesNotContain("levels[");
    }
}
