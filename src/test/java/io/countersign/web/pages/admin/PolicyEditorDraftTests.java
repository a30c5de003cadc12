package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/** The policy editor keeps a draft it cannot save and says why in words that help to save it. */
@CountersignTest
class PolicyEditorDraftTests extends AdminPagesTestBase {

    private static final Map<String, String> ADMIN = Map.of("user", "admin");
    private static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"([^\"]*)\"");

    @Test
    void aPriorityBeyondWhatAPolicyHoldsIsToldWithTheRange() throws Exception {
        String name = policy();

        MockHttpServletResponse refused = save(name, version(name), "99999999999");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("is out of range (from -2147483648 to 2147483647)")
                .doesNotContain("in the digits 0-9")
                .contains("value=\"99999999999\"");
    }

    @Test
    void aDraftOfAPolicyDeletedMeanwhileStaysOnThePageAndCanCreateItAnew() throws Exception {
        String name = policy();
        String opened = version(name);
        api.asAdmin().delete("/api/v1/policies/" + name).expect(204);

        MockHttpServletResponse gone = save(name, opened, "4");

        assertThat(gone.getStatus()).isEqualTo(409);
        assertThat(gone.getContentAsString())
                .contains("Nothing was saved: the policy &#39;" + name + "&#39; was deleted meanwhile")
                .contains("value=\"PT30M\"", "value=\"4\"", "value=\"" + name + "\"")
                .contains("action=\"/admin/policies/new\"")
                .doesNotContain("Open the current version");
        api.asAdmin().get("/api/v1/policies/" + name).expect(404);

        MockHttpServletResponse created = browsing.post(admin, "/admin/policies/new", draft(name, null, "4"));

        assertThat(browsing.follow(admin, created)).contains("The policy &#39;" + name + "&#39; is saved.");
        assertThat(api.asAdmin()
                        .get("/api/v1/policies/" + name)
                        .expect(200)
                        .json()
                        .get("priority")
                        .asInt())
                .isEqualTo(4);
    }

    @Test
    void aPolicyCreatedAnewFromADraftKeepsTheSettingsTheEditorDoesNotShow() throws Exception {
        String name = policy(Map.of(
                "startOnFirstUse",
                true,
                "claimWindow",
                "P7D",
                "extension",
                Map.of("maxTotalDuration", "PT12H", "steps", List.of(Map.of("approvers", List.of(ADMIN)))),
                "breakGlass",
                Map.of(
                        "maxDuration",
                        "PT1H",
                        "notify",
                        List.of(ADMIN),
                        "reviewers",
                        List.of(ADMIN),
                        "reviewWithin",
                        "P1D")));
        String opened = browsing.get(admin, "/admin/policies/" + name + "/edit").getContentAsString();
        api.asAdmin().delete("/api/v1/policies/" + name).expect(204);

        MockHttpServletResponse gone = browsing.post(
                admin,
                "/admin/policies/" + name + "/edit",
                carried(opened, draft(name, hidden(opened, "version"), "4")));

        assertThat(gone.getStatus()).isEqualTo(409);
        assertThat(gone.getContentAsString())
                .contains("with its break-glass, extension rules, grants that start on first use and claim window");
        String page = gone.getContentAsString();
        assertThat(browsing.follow(
                        admin, browsing.post(admin, "/admin/policies/new", carried(page, draft(name, null, "4")))))
                .contains("The policy &#39;" + name + "&#39; is saved.");
        JsonNode created =
                api.asAdmin().get("/api/v1/policies/" + name).expect(200).json();
        assertThat(created.get("priority").asInt()).isEqualTo(4);
        assertThat(created.get("startOnFirstUse").asBoolean()).isTrue();
        assertThat(created.get("claimWindow").asString()).isEqualTo("PT168H");
        assertThat(created.get("extension").get("maxTotalDuration").asString()).isEqualTo("PT12H");
        assertThat(created.get("breakGlass").get("maxDuration").asString()).isEqualTo("PT1H");
        assertThat(created.get("breakGlass").get("reviewers").get(0).get("user").asString())
                .isEqualTo("admin");
    }

    /** The draft's fields together with the settings the page carries for them, as a browser sends the form. */
    private static String[] carried(String page, String[] fields) {
        List<String> all = new ArrayList<>(List.of(fields));
        all.addAll(List.of("unshown", hidden(page, "unshown")));
        return all.toArray(String[]::new);
    }

    private static String hidden(String page, String field) {
        Matcher value =
                Pattern.compile("name=\"" + field + "\" value=\"([^\"]*)\"").matcher(page);
        assertThat(value.find()).as("a field " + field + " on the page").isTrue();
        return HtmlUtils.htmlUnescape(value.group(1));
    }

    @Test
    void theReviewWritesDurationsInWordsKeepingTheExactValue() throws Exception {
        String name = policy(Map.of("defaultDuration", "PT1H", "maxDuration", "PT4H", "requestTtl", "P1D"));

        String summary = summary(browsing.get(admin, "/admin/policies/" + name + "/edit"));

        assertThat(summary)
                .contains("<time datetime=\"PT1H\" title=\"PT1H\">1 hour</time>\n          by default, at most"
                        + " <time datetime=\"PT4H\" title=\"PT4H\">4 hours</time>")
                .contains("<time datetime=\"PT24H\" title=\"PT24H\">1 day</time>")
                .doesNotContain("PT1H by default", "at most PT4H");

        List<String> typed = new ArrayList<>(List.of(draft(name, version(name), "0")));
        typed.set(typed.indexOf("action") + 1, "preview");
        typed.set(typed.indexOf("defaultDuration") + 1, "90m");
        String previewed =
                summary(browsing.post(admin, "/admin/policies/" + name + "/edit", typed.toArray(String[]::new)));
        assertThat(previewed).contains("<time datetime=\"PT1H30M\" title=\"PT1H30M\">1 hour 30 minutes</time>");
    }

    @Test
    void theEditorWritesAStoredPolicysDurationsAsPeopleWriteThem() throws Exception {
        String name = policy(Map.of("defaultDuration", "PT30M", "maxDuration", "P1DT2H", "requestTtl", "PT4H"));

        String page = browsing.get(admin, "/admin/policies/" + name + "/edit").getContentAsString();

        assertThat(page)
                .containsPattern("id=\"defaultDuration\" name=\"defaultDuration\" value=\"30m\"")
                .containsPattern("id=\"maxDuration\" name=\"maxDuration\" value=\"1d 2h\"")
                .containsPattern("id=\"requestTtl\" name=\"requestTtl\" value=\"4h\"");
    }

    @Test
    void durationsTypedAsPeopleWriteThemOrPastedAsIsoAreSavedAsTheApiHoldsThem() throws Exception {
        String name = policy();

        browsing.post(admin, "/admin/policies/" + name + "/edit", typed(name, "1h 30m", "1d 2h", "PT24H"));

        JsonNode stored =
                api.asAdmin().get("/api/v1/policies/" + name).expect(200).json();
        assertThat(stored.get("defaultDuration").asString()).isEqualTo("PT1H30M");
        assertThat(stored.get("maxDuration").asString()).isEqualTo("PT26H");
        assertThat(stored.get("requestTtl").asString()).isEqualTo("PT24H");
    }

    @Test
    void aDurationThatReadsAsNoneIsToldBesideItsFieldAndNothingIsSaved() throws Exception {
        String name = policy(Map.of("maxDuration", "PT8H"));

        MockHttpServletResponse refused =
                browsing.post(admin, "/admin/policies/" + name + "/edit", typed(name, "1h", "2h 1d", "1d"));

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .containsPattern("id=\"maxDuration\" name=\"maxDuration\" value=\"2h 1d\"[^>]*aria-invalid=\"true\"")
                .containsPattern("id=\"error-maxDuration\"[^>]*>[^<]*must be a duration such as 4h, 1d 2h or 30m");
        assertThat(api.asAdmin()
                        .get("/api/v1/policies/" + name)
                        .expect(200)
                        .json()
                        .get("maxDuration")
                        .asString())
                .isEqualTo("PT8H");
    }

    @Test
    void aLabelLineWithoutItsKeyIsNamedByItsLineBesideTheLabelsAndNothingIsSaved() throws Exception {
        String name = policy();
        List<String> fields = new ArrayList<>(List.of(draft(name, version(name), "0")));
        fields.addAll(List.of("labels", "env=prod\n=novalue"));

        MockHttpServletResponse refused =
                browsing.post(admin, "/admin/policies/" + name + "/edit", fields.toArray(String[]::new));

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .containsPattern("id=\"error-labels\"[^>]*>Line 2 has no key before its &#39;=&#39;: write it as"
                        + " key=value.<")
                .doesNotContain("&#39;&#39;: must not be blank");
        assertThat(api.asAdmin()
                        .get("/api/v1/policies/" + name)
                        .expect(200)
                        .json()
                        .get("conditions")
                        .get("labels")
                        .size())
                .isZero();
    }

    @Test
    void aLabelKeyGivenTwiceIsNamedByTheLineRepeatingItAndNothingIsSaved() throws Exception {
        String name = policy();
        List<String> fields = new ArrayList<>(List.of(draft(name, version(name), "0")));
        fields.addAll(List.of("labels", "a=1\na=2"));

        MockHttpServletResponse refused =
                browsing.post(admin, "/admin/policies/" + name + "/edit", fields.toArray(String[]::new));

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .containsPattern("id=\"error-labels\"[^>]*>Line 2 repeats the key of line 1: give each key once.<")
                .contains("a=1\na=2");
        assertThat(api.asAdmin()
                        .get("/api/v1/policies/" + name)
                        .expect(200)
                        .json()
                        .get("conditions")
                        .get("labels")
                        .size())
                .isZero();
    }

    /** The editor's fields for saving the policy {@code name} with these durations as typed. */
    private String[] typed(String name, String defaultDuration, String maxDuration, String requestTtl)
            throws Exception {
        List<String> fields = new ArrayList<>(List.of(draft(name, version(name), "0")));
        fields.set(fields.indexOf("defaultDuration") + 1, defaultDuration);
        fields.set(fields.indexOf("maxDuration") + 1, maxDuration);
        fields.set(fields.indexOf("requestTtl") + 1, requestTtl);
        return fields.toArray(String[]::new);
    }

    private static String summary(MockHttpServletResponse page) throws Exception {
        String html = page.getContentAsString();
        return html.substring(html.indexOf("id=\"summary\""), html.indexOf("</dl>", html.indexOf("id=\"summary\"")));
    }

    private String policy() {
        return policy(Map.of());
    }

    /** A policy on {@code name-db} approved by the administrator, with {@code more} of its fields. */
    private String policy(Map<String, Object> more) {
        String name = Api.unique("policy");
        Map<String, Object> body = new HashMap<>(more);
        body.putAll(Map.of(
                "name",
                name,
                "conditions",
                Map.of("resourceName", name + "-db"),
                "steps",
                List.of(Map.of("approvers", List.of(Map.of("user", "admin"))))));
        api.asAdmin().post("/api/v1/policies", Api.json(body)).expect(201);
        return name;
    }

    private MockHttpServletResponse save(String name, String version, String priority) {
        return browsing.post(admin, "/admin/policies/" + name + "/edit", draft(name, version, priority));
    }

    /** The editor's fields for a policy on {@code name-db} approved by the administrator. */
    private static String[] draft(String name, String version, String priority) {
        List<String> fields = new ArrayList<>(List.of(
                "name",
                name,
                "action",
                "save",
                "resourceName",
                name + "-db",
                "priority",
                priority,
                "defaultDuration",
                "PT30M",
                "maxDuration",
                "PT8H",
                "requestTtl",
                "PT24H",
                "steps[0].approvers.users",
                "admin",
                "steps[0].requiredApprovals",
                "1"));
        if (version != null) {
            fields.addAll(List.of("version", version));
        }
        return fields.toArray(String[]::new);
    }

    private String version(String name) throws Exception {
        String page = "/admin/policies/" + name + "/edit";
        Matcher version = VERSION.matcher(browsing.get(admin, page).getContentAsString());
        assertThat(version.find()).as("a version on " + page).isTrue();
        return HtmlUtils.htmlUnescape(version.group(1));
    }
}
