package io.countersign.web.pages.admin;

import static io.countersign.testing.Api.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/** The resources pages: accounts, groups, owners and labels through the form, refusals at the field. */
@CountersignTest
class ResourceAdminPagesTests extends AdminPagesTestBase {

    @Test
    void aResourceIsCreatedWithItsAccountsGroupsOwnersAndLabelsThenEditedAndDeleted() throws Exception {
        String owner = people.user("owner");
        String group = Api.unique("dbas");
        api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", group))).expect(201);
        String name = Api.unique("prod-db");

        MockHttpServletResponse created = browsing.post(
                admin,
                "/admin/resources",
                "name",
                name,
                "type",
                "database",
                "accounts",
                "root, readonly",
                "groups",
                group,
                "owners",
                owner,
                "labels",
                "env=prod\nteam= payments, billing \n");

        assertThat(browsing.follow(admin, created)).contains("Resource " + name + " is created.", "env=prod");
        JsonNode resource =
                api.asAdmin().get("/api/v1/resources/" + name).expect(200).json();
        assertThat(resource.get("type").asString()).isEqualTo("database");
        assertThat(strings(resource.get("accounts"))).containsExactly("readonly", "root");
        assertThat(strings(resource.get("groups"))).containsExactly(group);
        assertThat(strings(resource.get("owners"))).containsExactly(owner);
        assertThat(resource.get("labels").get("team").asString()).isEqualTo(" payments, billing ");

        browsing.edit(admin, "/admin/resources/" + name, "type", "ssh", "accounts", "admin", "labels", "env=dev");
        resource = api.asAdmin().get("/api/v1/resources/" + name).expect(200).json();
        assertThat(resource.get("type").asString()).isEqualTo("ssh");
        assertThat(strings(resource.get("accounts"))).containsExactly("admin");
        assertThat(strings(resource.get("groups"))).isEmpty();
        assertThat(resource.get("labels").get("env").asString()).isEqualTo("dev");

        MockHttpServletResponse deleted = browsing.post(admin, "/admin/resources/" + name + "/delete");
        assertThat(browsing.follow(admin, deleted)).contains("Resource " + name + " is deleted.");
        api.asAdmin().get("/api/v1/resources/" + name).expect(404);
    }

    @Test
    void aLabelLineWithoutItsKeyIsNamedByItsLineAndNothingIsCreated() throws Exception {
        String name = Api.unique("db");

        MockHttpServletResponse refused = newDatabaseLabelled(name, "env=prod\n=novalue");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("Line 2 has no key before its &#39;=&#39;: write it as key=value.")
                .doesNotContain("&#39;&#39;: must not be blank");
        api.asAdmin().get("/api/v1/resources/" + name).expect(404);
    }

    @Test
    void aLabelKeyGivenTwiceIsNamedByTheLineRepeatingItAndNothingIsSaved() throws Exception {
        String name = Api.unique("db");
        newDatabaseLabelled(name, "env=prod");

        MockHttpServletResponse refused = browsing.edit(
                admin,
                "/admin/resources/" + name,
                "type",
                "database",
                "accounts",
                "root",
                "labels",
                "a=1\nenv=dev\na=2");
        MockHttpServletResponse created = newDatabaseLabelled(name + "-b", "a=1\nA=2\na");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("id=\"labels-error\"", "Line 3 repeats the key of line 1: give each key once.")
                .contains("a=1\nenv=dev\na=2");
        assertThat(api.asAdmin()
                        .get("/api/v1/resources/" + name)
                        .expect(200)
                        .json()
                        .get("labels")
                        .toString())
                .isEqualTo("{\"env\":\"prod\"}");
        assertThat(created.getStatus()).isEqualTo(400);
        assertThat(created.getContentAsString())
                .contains("Line 2 repeats the key of line 1", "Line 3 repeats the key of line 1");
        api.asAdmin().get("/api/v1/resources/" + name + "-b").expect(404);
    }

    @Test
    void aRefusedResourceShowsEveryProblemAtItsFieldAndNothingChanges() throws Exception {
        String name = Api.unique("db");

        MockHttpServletResponse refused = browsing.post(
                admin, "/admin/resources", "name", name, "type", "", "accounts", "", "groups", "ghost-" + name);

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("id=\"type-error\"", "id=\"accounts-error\"", "id=\"groups-error\"")
                .contains("value=\"" + name + "\"");
        api.asAdmin().get("/api/v1/resources/" + name).expect(404);

        api.asAdmin()
                .post(
                        "/api/v1/resources",
                        Api.json(Map.of("name", name, "type", "database", "accounts", List.of("root"))))
                .expect(201);
        MockHttpServletResponse edit =
                browsing.edit(admin, "/admin/resources/" + name, "type", "database", "accounts", "");
        assertThat(edit.getStatus()).isEqualTo(400);
        assertThat(strings(api.asAdmin()
                        .get("/api/v1/resources/" + name)
                        .expect(200)
                        .json()
                        .get("accounts")))
                .containsExactly("root");
    }

    @Test
    void aLabelLineWithoutAValueIsRefusedAtItsFieldInsteadOfKeptEmpty() throws Exception {
        String name = Api.unique("db");

        MockHttpServletResponse refused = newDatabaseLabelled(name, "env=prod\nproduction\n");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("id=\"labels-error\"", "&#39;production&#39;: must have a value")
                .contains("env=prod\nproduction");
        api.asAdmin().get("/api/v1/resources/" + name).expect(404);
    }

    /** The resource form sent for a database {@code name} with one account and these label lines. */
    private MockHttpServletResponse newDatabaseLabelled(String name, String labels) {
        return browsing.post(
                admin, "/admin/resources", "name", name, "type", "database", "accounts", "root", "labels", labels);
    }
}
