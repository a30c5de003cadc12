package io.countersign.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Policies as code both ways: the export is the bundle the import reads, an export imported again
 * changes nothing, and a dry run answers what an import would change while committing nothing. A
 * database of its own keeps other classes' entries out of the exports compared here.
 */
@CountersignTest
@TestPropertySource(properties = "countersign.test.database=bundle-export")
class BundleExportTests extends BundleImporterTestBase {

    static final String YAML = "application/yaml";
    static final String JSON = "application/json";

    @Autowired
    JdbcClient jdbc;

    @Test
    void anExportImportedAgainChangesNothingAndExportsTheSame() {
        GeneratedOrganisation org = new GeneratedOrganisation(Api.unique("org"), 400, 40, 300, 150);
        importer.json(Api.json(org.bundle())).expect(200);

        String first = export(YAML);
        assertThat(first).contains(org.user(399), org.group(39), org.resource(299), org.policy(149));

        JsonNode preview =
                importer.dryRun(Api.ADMIN_TOKEN, YAML, first).expect(200).json();
        for (String kind : List.of("levels", "users", "groups", "resources", "policies")) {
            assertThat(names(preview, kind, "created")).as(kind).isEmpty();
            assertThat(names(preview, kind, "updated")).as(kind).isEmpty();
            assertThat(names(preview, kind, "deleted")).as(kind).isEmpty();
            assertThat(preview.get(kind).propertyNames())
                    .as("the preview of %s holds its four lists only", kind)
                    .containsExactlyInAnyOrder("created", "updated", "deleted", "unchanged");
        }
        assertThat(names(preview, "users", "unchanged")).hasSizeGreaterThanOrEqualTo(400);
        assertThat(names(preview, "policies", "unchanged")).contains(org.policy(0), org.policy(149));

        JsonNode again = importer.yaml(first).expect(200).json();
        for (String kind : List.of("users", "groups", "resources", "policies")) {
            assertThat(again.get(kind).get("created").asInt()).as(kind).isZero();
            assertThat(again.get(kind).get("updated").asInt()).as(kind).isZero();
        }
        assertThat(export(YAML)).isEqualTo(first);
    }

    @Test
    void anExportImportedAgainKeepsEveryPolicyVersionAndAuditsOnlyTheImport() {
        GeneratedOrganisation org = new GeneratedOrganisation(Api.unique("keep"), 20, 4, 10, 12);
        importer.json(Api.json(org.bundle())).expect(200);
        api.asAdmin()
                .post("/api/v1/policies", """
                        {"name": "%s", "conditions": {"resourceName": "%s"},
                         "startOnFirstUse": true, "claimWindow": "PT15M",
                         "steps": [{"approvers": [{"user": "%s"}]}],
                         "extension": {"maxTotalDuration": "PT12H", "steps": [{"approvers": [{"minLevel": "manager"}]}]},
                         "breakGlass": {"maxDuration": "PT1H", "notify": [{"user": "%s"}],
                                        "reviewers": [{"group": "%s"}], "reviewWithin": "P1D"}}""".formatted(
                                org.policy(12), org.resource(0), org.user(1), org.user(2), org.group(0)))
                .expect(201);
        String exported = export(JSON);
        List<String> policies = Api.JSON_READER
                .readTree(exported)
                .get("policies")
                .valueStream()
                .map(policy -> policy.get("name").asString())
                .toList();
        Map<String, String> tags = policyTags(policies);
        long updates = auditRows("policy.updated");
        long imports = auditRows("bundle.imported");

        JsonNode again = importer.json(exported).expect(200).json();

        assertThat(ImportCounts.counts(again, "policies")).containsExactly(0, 0, policies.size());
        assertThat(policyTags(policies)).isEqualTo(tags);
        assertThat(auditRows("policy.updated")).isEqualTo(updates);
        assertThat(auditRows("bundle.imported")).isEqualTo(imports + 1);
    }

    @Test
    void theJsonExportRoundTripsToo() {
        GeneratedOrganisation org = new GeneratedOrganisation(Api.unique("json"), 30, 5, 20, 12);
        importer.json(Api.json(org.bundle())).expect(200);
        String first = export(JSON);
        assertThat(Api.JSON_READER.readTree(first).get("policies")).isNotEmpty();

        JsonNode preview =
                importer.dryRun(Api.ADMIN_TOKEN, JSON, first).expect(200).json();
        assertThat(names(preview, "resources", "updated")).isEmpty();
        importer.json(first).expect(200);
        assertThat(export(JSON)).isEqualTo(first);
    }

    @Test
    void theExportCarriesNoPasswordHashOrToken() {
        String holder = Api.unique("holder");
        api.asAdmin()
                .post(
                        "/api/v1/users",
                        Api.json(Map.of(
                                "username",
                                holder,
                                "email",
                                holder + "@example.com",
                                "role",
                                "USER",
                                "password",
                                "a very secret password")))
                .expect(201);
        String token = api.asAdmin()
                .post("/api/v1/users/" + holder + "/tokens", Api.json(Map.of("name", "ci")))
                .expect(201)
                .json()
                .get("token")
                .asString();
        String hash = jdbc.sql("select password_hash from local_credentials where username = ?")
                .param(holder)
                .query(String.class)
                .single();

        for (String format : List.of(YAML, JSON)) {
            String exported = export(format);
            assertThat(exported)
                    .contains(holder)
                    .doesNotContain("a very secret password", hash, token, Api.ADMIN_TOKEN)
                    .doesNotContainIgnoringCase("password")
                    .doesNotContainIgnoringCase("token");
        }
    }

    @Test
    void aDryRunNamesWhatWouldChangeAndCommitsNothing() {
        GeneratedOrganisation org = new GeneratedOrganisation(Api.unique("dry"), 20, 4, 10, 6);
        importer.json(Api.json(org.bundle())).expect(200);
        String before = export(YAML);
        long auditBefore = auditRows();

        String changes = Api.json(Map.of(
                "levels",
                List.of("engineer", "team-lead", "manager", "director", "vp"),
                "users",
                List.of(
                        Map.of("username", "newcomer-" + org.user(0), "email", "n@example.com"),
                        Map.of("username", org.user(5), "email", "moved@example.com", "level", "engineer"),
                        Map.of(
                                "username",
                                org.user(6),
                                "email",
                                org.user(6) + "@example.com",
                                "displayName",
                                "Person 6",
                                "level",
                                "engineer",
                                "manager",
                                org.user(0),
                                "role",
                                "USER")),
                "resources",
                List.of(Map.of("name", org.resource(1), "type", "ssh", "accounts", List.of("root")))));
        JsonNode preview =
                importer.dryRun(Api.ADMIN_TOKEN, JSON, changes).expect(200).json();

        assertThat(names(preview, "levels", "created")).containsExactly("vp");
        assertThat(names(preview, "users", "created")).containsExactly("newcomer-" + org.user(0));
        assertThat(names(preview, "users", "updated")).containsExactly(org.user(5));
        assertThat(names(preview, "users", "unchanged")).containsExactly(org.user(6));
        assertThat(names(preview, "resources", "updated")).containsExactly(org.resource(1));
        assertThat(names(preview, "groups", "created")).isEmpty();

        assertThat(export(YAML)).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from users where username = ?")
                        .param("newcomer-" + org.user(0))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from levels where name = 'vp'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(auditRows()).isEqualTo(auditBefore);
    }

    @Test
    void aDryRunOfAnInvalidBundleAnswersItsProblemsAsTheImportWould() {
        String bundle = Api.json(Map.of(
                "policies",
                List.of(Map.of(
                        "name",
                        Api.unique("broken"),
                        "conditions",
                        Map.of("resourceName", "x-*"),
                        "ticketPattern",
                        "(?=lookahead)",
                        "steps",
                        List.of()))));
        JsonNode problem =
                importer.dryRun(Api.ADMIN_TOKEN, JSON, bundle).expect(400).json();
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("policies[0].ticketPattern");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("invalid_pattern");
    }

    @Test
    void onlyAnAdministratorExportsOrRunsADryRun() {
        String token = api.tokenHolder("reader", "AUDITOR");
        api.as(token).get("/api/v1/export").expect(403);
        importer.dryRun(token, JSON, "{\"levels\": []}").expect(403);
        api.anonymous().get("/api/v1/export").expect(401);
    }

    private String export(String accept) {
        try {
            var response = mvc.perform(get("/api/v1/export")
                            .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                            .header("Accept", accept))
                    .andReturn()
                    .getResponse();
            assertThat(response.getStatus()).isEqualTo(200);
            assertThat(response.getContentType()).startsWith(accept);
            return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long auditRows() {
        return jdbc.sql("select (select count(*) from audit_journal) + (select count(*) from audit_events)")
                .query(Long.class)
                .single();
    }

    private Map<String, String> policyTags(List<String> names) {
        Map<String, String> tags = new java.util.HashMap<>();
        names.forEach(name -> tags.put(
                name, api.asAdmin().get("/api/v1/policies/" + name).expect(200).header("ETag")));
        return tags;
    }

    private long auditRows(String action) {
        return jdbc.sql("select (select count(*) from audit_journal where action = :action)"
                        + " + (select count(*) from audit_events where action = :action)")
                .param("action", action)
                .query(Long.class)
                .single();
    }

    private static List<String> names(JsonNode preview, String kind, String change) {
        return preview.get(kind)
                .get(change)
                .valueStream()
                .map(JsonNode::asString)
                .toList();
    }
}
