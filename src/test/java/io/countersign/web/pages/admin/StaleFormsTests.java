package io.countersign.web.pages.admin;

import static io.countersign.testing.Api.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.People;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/**
 * An edit form carries the version it was opened at: saved after someone else changed the object, it
 * saves nothing, says so with the draft kept, and leaves the other change in place; opened again, it
 * saves.
 */
@CountersignTest
class StaleFormsTests extends AdminPagesTestBase {

    @Test
    void thePolicyEditorDoesNotOverwriteAChangeMadeSinceItWasOpened() throws Exception {
        String approver = people.user("approver");
        String name = Api.unique("policy");
        Map<String, Object> policy = new HashMap<>(Map.of(
                "name",
                name,
                "conditions",
                Map.of("resourceName", Api.unique("db")),
                "steps",
                List.of(Map.of("approvers", List.of(Map.of("user", approver))))));
        api.asAdmin().post("/api/v1/policies", Api.json(policy)).expect(201);
        String opened = version("/admin/policies/" + name + "/edit");
        assertThat(opened).isNotBlank();

        policy.put("priority", 3);
        policy.put("requireJustification", true);
        api.asAdmin().put("/api/v1/policies/" + name, Api.json(policy)).expect(200);
        MockHttpServletResponse stale = saveDraft(name, opened);

        assertThat(stale.getRedirectedUrl()).isNull();
        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(stale.getContentAsString())
                .contains("Nothing was saved: someone else changed the policy &#39;" + name
                        + "&#39; after this form was opened")
                .contains("<dt>Priority</dt><dd>3</dd>", "<dt>Justification required</dt><dd>yes</dd>")
                .contains("<dt>Default duration</dt><dd><time datetime=\"PT1H\" title=\"PT1H\">1 hour</time></dd>")
                .contains("value=\"PT30M\"", "Open the current version")
                .doesNotContain("The policy &#39;" + name + "&#39; is saved.");
        JsonNode stored =
                api.asAdmin().get("/api/v1/policies/" + name).expect(200).json();
        assertThat(stored.get("priority").asInt()).isEqualTo(3);
        assertThat(stored.get("requireJustification").asBoolean()).isTrue();
        assertThat(stored.get("defaultDuration").asString()).isEqualTo("PT1H");

        MockHttpServletResponse saved = saveDraft(name, version("/admin/policies/" + name + "/edit"));

        assertThat(browsing.follow(admin, saved)).contains("The policy &#39;" + name + "&#39; is saved.");
        assertThat(api.asAdmin()
                        .get("/api/v1/policies/" + name)
                        .expect(200)
                        .json()
                        .get("defaultDuration")
                        .asString())
                .isEqualTo("PT30M");
    }

    @Test
    void aUserFormOpenedBeforeAnotherChangeSavesNothing() throws Exception {
        String name = people.user("edited");
        String opened = version("/admin/users/" + name);
        Map<String, Object> changed = new HashMap<>(People.body(name, Role.USER));
        changed.put("displayName", "Set elsewhere");
        api.asAdmin().put("/api/v1/users/" + name, Api.json(changed)).expect(200);

        MockHttpServletResponse stale = saveUser(name, opened);

        assertStale(stale, "user " + name, "/admin/users/" + name, "Typed here");
        assertThat(api.asAdmin()
                        .get("/api/v1/users/" + name)
                        .expect(200)
                        .json()
                        .get("displayName")
                        .asString())
                .isEqualTo("Set elsewhere");
    }

    @Test
    void aResourceOrGroupFormOpenedBeforeAnotherChangeSavesNothing() throws Exception {
        String resource = api.resource("db");
        String openedResource = version("/admin/resources/" + resource);
        api.asAdmin()
                .put(
                        "/api/v1/resources/" + resource,
                        Api.json(Map.of("name", resource, "type", "database", "accounts", List.of("admin", "ro"))))
                .expect(200);
        String dev = people.user("dev");
        String group = newGroup();
        String openedGroup = version("/admin/groups/" + group);
        api.asAdmin()
                .put("/api/v1/groups/" + group, Api.json(Map.of("name", group, "members", List.of(dev))))
                .expect(200);

        MockHttpServletResponse staleResource = saveResource(resource, openedResource);
        MockHttpServletResponse staleGroup = saveGroup(group, openedGroup, "");

        assertStale(staleResource, "resource " + resource, "/admin/resources/" + resource, "admin, typed");
        assertStale(staleGroup, "group " + group, "/admin/groups/" + group, "Nothing was saved");
        assertThat(strings(api.asAdmin()
                        .get("/api/v1/resources/" + resource)
                        .expect(200)
                        .json()
                        .get("accounts")))
                .containsExactlyInAnyOrder("admin", "ro");
        assertThat(strings(api.asAdmin()
                        .get("/api/v1/groups/" + group)
                        .expect(200)
                        .json()
                        .get("members")))
                .containsExactly(dev);

        MockHttpServletResponse saved = saveGroup(group, version("/admin/groups/" + group), "");
        assertThat(browsing.follow(admin, saved)).contains("Group " + group + " is saved.");
    }

    @Test
    void theLevelsFormOpenedBeforeAnotherChangeSavesNothing() throws Exception {
        List<String> before =
                strings(api.asAdmin().get("/api/v1/levels").expect(200).json());
        String opened = version("/admin/levels");
        List<String> elsewhere = new ArrayList<>(before);
        elsewhere.add(Api.unique("elsewhere"));
        api.asAdmin().put("/api/v1/levels", Api.json(elsewhere)).expect(200);

        MockHttpServletResponse stale = browsing.post(
                admin, "/admin/levels", "version", opened, "levels", String.join("\n", before) + "\ntyped");

        assertStale(stale, "the list of levels", "/admin/levels", "typed");
        assertThat(strings(api.asAdmin().get("/api/v1/levels").expect(200).json()))
                .containsExactlyElementsOf(elsewhere);
        MockHttpServletResponse saved = browsing.post(
                admin, "/admin/levels", "version", version("/admin/levels"), "levels", String.join("\n", before));
        assertThat(browsing.follow(admin, saved)).contains("The levels are saved.");
    }

    @Test
    void anEditFormOfSomethingDeletedSinceItWasOpenedSavesNothingAndKeepsWhatWasTyped() throws Exception {
        String user = people.user("deleted");
        String openedUser = version("/admin/users/" + user);
        String resource = api.resource("db");
        String openedResource = version("/admin/resources/" + resource);
        String group = newGroup();
        String openedGroup = version("/admin/groups/" + group);
        api.asAdmin().delete("/api/v1/users/" + user).expect(204);
        api.asAdmin().delete("/api/v1/resources/" + resource).expect(204);
        api.asAdmin().delete("/api/v1/groups/" + group).expect(204);

        assertDeleted(saveUser(user, openedUser), "user " + user, "Typed here");
        assertDeleted(saveResource(resource, openedResource), "resource " + resource, "admin, typed");
        assertDeleted(saveGroup(group, openedGroup, ""), "group " + group, "Save group");

        api.asAdmin().get("/api/v1/users/" + user).expect(404);
        api.asAdmin().get("/api/v1/resources/" + resource).expect(404);
        api.asAdmin().get("/api/v1/groups/" + group).expect(404);
    }

    private static void assertDeleted(MockHttpServletResponse answer, String what, String kept) throws Exception {
        assertThat(answer.getStatus()).isEqualTo(409);
        assertThat(answer.getContentAsString())
                .contains("Nothing was saved: someone else deleted " + what + " after this form was opened")
                .contains(kept)
                .doesNotContain("Open the current version");
    }

    @Test
    void anEditFormWithoutItsVersionSavesNothing() throws Exception {
        String name = people.user("unversioned");
        String resource = api.resource("db");
        String group = newGroup();
        String policy = Api.unique("policy");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                policy,
                                "conditions",
                                Map.of("resourceName", Api.unique("db")),
                                "steps",
                                List.of(Map.of("approvers", List.of(Map.of("user", people.user("approver"))))))))
                .expect(201);
        List<String> levels =
                strings(api.asAdmin().get("/api/v1/levels").expect(200).json());

        assertUnversioned(saveUser(name, null), "user " + name, "Typed here");
        assertUnversioned(saveResource(resource, null), "resource " + resource, "admin, typed");
        assertUnversioned(saveGroup(group, null, people.user("member")), "group " + group, "Nothing was saved");
        assertUnversioned(
                browsing.post(admin, "/admin/levels", "levels", String.join("\n", levels) + "\ntyped"),
                "the list of levels",
                "typed");
        assertUnversioned(saveDraft(policy, " "), "the policy &#39;" + policy + "&#39;", "value=\"PT30M\"");

        assertThat(api.asAdmin()
                        .get("/api/v1/users/" + name)
                        .expect(200)
                        .json()
                        .get("displayName")
                        .asString())
                .isNotEqualTo("Typed here");
        assertThat(strings(api.asAdmin()
                        .get("/api/v1/resources/" + resource)
                        .expect(200)
                        .json()
                        .get("accounts")))
                .containsExactly("admin");
        assertThat(strings(api.asAdmin()
                        .get("/api/v1/groups/" + group)
                        .expect(200)
                        .json()
                        .get("members")))
                .isEmpty();
        assertThat(strings(api.asAdmin().get("/api/v1/levels").expect(200).json()))
                .containsExactlyElementsOf(levels);
        assertThat(api.asAdmin()
                        .get("/api/v1/policies/" + policy)
                        .expect(200)
                        .json()
                        .get("defaultDuration")
                        .asString())
                .isEqualTo("PT1H");
    }

    private MockHttpServletResponse saveDraft(String name, String version) {
        return browsing.post(
                admin,
                "/admin/policies/" + name + "/edit",
                "version",
                version,
                "action",
                "save",
                "resourceName",
                api.asAdmin()
                        .get("/api/v1/policies/" + name)
                        .expect(200)
                        .json()
                        .get("conditions")
                        .get("resourceName")
                        .asString(),
                "priority",
                "0",
                "defaultDuration",
                "PT30M",
                "maxDuration",
                "PT8H",
                "requestTtl",
                "PT24H",
                "steps[0].approvers.users",
                people.user("another"),
                "steps[0].requiredApprovals",
                "1");
    }

    private String version(String page) {
        return browsing.version(admin, page);
    }

    private String newGroup() {
        String group = Api.unique("team");
        api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", group))).expect(201);
        return group;
    }

    /** Saves the user form with "Typed here" as the display name, from a form opened at {@code version}. */
    private MockHttpServletResponse saveUser(String name, String version) {
        return save(
                "/admin/users/" + name,
                version,
                "email",
                name + "@example.com",
                "displayName",
                "Typed here",
                "role",
                "USER",
                "active",
                "true");
    }

    /** Saves the resource form with "admin, typed" as its accounts, from a form opened at {@code version}. */
    private MockHttpServletResponse saveResource(String name, String version) {
        return save("/admin/resources/" + name, version, "type", "database", "accounts", "admin, typed");
    }

    private MockHttpServletResponse saveGroup(String name, String version, String members) {
        return save("/admin/groups/" + name, version, "members", members, "managers", "");
    }

    /** Sends the form at {@code page} with {@code fields}, and with {@code version} unless it is null. */
    private MockHttpServletResponse save(String page, String version, String... fields) {
        List<String> sent = new ArrayList<>();
        if (version != null) {
            sent.add("version");
            sent.add(version);
        }
        sent.addAll(List.of(fields));
        return browsing.post(admin, page, sent.toArray(String[]::new));
    }

    private static void assertUnversioned(MockHttpServletResponse answer, String what, String kept) throws Exception {
        assertThat(answer.getRedirectedUrl()).isNull();
        assertThat(answer.getStatus()).isEqualTo(400);
        assertThat(answer.getContentAsString())
                .contains("Nothing was saved: this form does not say which version of " + what + " it was opened at")
                .contains(kept);
    }

    private static void assertStale(MockHttpServletResponse answer, String what, String current, String kept)
            throws Exception {
        assertThat(answer.getStatus()).isEqualTo(409);
        assertThat(answer.getContentAsString())
                .contains("Nothing was saved: someone else changed " + what + " after this form was opened")
                .contains("href=\"" + current + "\"", "Open the current version", kept);
    }
}
