package io.countersign.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.LevelsReplaced;
import io.countersign.directory.UserCreated;
import io.countersign.shared.AuditableEvent;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

/** What the audit log records of an import, and of a refused one. */
@CountersignTest
@RecordApplicationEvents
class BundleImportAuditTests extends BundleImporterTestBase {

    @Autowired
    ApplicationEvents events;

    @Test
    void anImportIsRecordedAsOneAuditableEventWithItsCounts() {
        importer.json(teamBundle()).expect(200);

        assertThat(events.stream(BundleImported.class)).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("bundle.imported");
            assertThat(event.actor().username()).isEqualTo("admin");
            assertThat(event.note()).contains("users 3 created, 0 updated, 0 unchanged");
        });
        assertThat(events.stream(UserCreated.class)).isEmpty();
        assertThat(events.stream(AuditableEvent.class)).hasSize(1);
    }

    @Test
    void theAuditLogGetsOneEntryForAnImportAndNoneForARefusedOne() {
        importer.json(teamBundle()).expect(200);
        JsonNode recorded = newestImportInTheAuditLog();

        importer.json("{\"users\": [{\"username\": \"" + id + "-x\", \"email\": \"bad\"}]}")
                .expect(400);

        assertThat(recorded.get("actor").asString()).isEqualTo("admin");
        assertThat(recorded.get("channel").asString()).isEqualTo("API");
        assertThat(recorded.get("target").asString()).isEqualTo("bundle");
        assertThat(recorded.get("note").asString())
                .isEqualTo(
                        ("levels 0; users 3 created, 0 updated, 0 unchanged; groups 1 created, 0 updated, 0 unchanged;"
                                        + " resources 1 created, 0 updated, 0 unchanged; policies 0 created, 0 updated,"
                                        + " 0 unchanged; users created: %1$s-dev (USER), %1$s-lead (USER), %1$s-boss (USER);"
                                        + " groups created: %1$s-team; resources created: %1$s-db")
                                .formatted(id));
        assertThat(newestImportInTheAuditLog().get("id")).isEqualTo(recorded.get("id"));
    }

    @Test
    void theAuditLogNamesTheUsersAnImportCreatesWithTheirRoleAndThoseItChangesOrDeactivates() {
        importer.json(teamBundle()).expect(200);

        importer.json("""
                        {"users": [
                           {"username": "%1$s-root", "email": "root@example.com", "role": "ADMIN"},
                           {"username": "%1$s-lead", "email": "lead@example.com", "manager": "%1$s-boss", "role": "ADMIN"},
                           {"username": "%1$s-dev", "email": "dev@example.com", "manager": "%1$s-lead", "active": false}],
                         "resources": [{"name": "%1$s-db", "type": "database", "groups": ["%1$s-team"],
                                        "labels": {"env": "prod"}, "owners": ["%1$s-lead"], "accounts": ["rw-admin"]}]}""".formatted(id)).expect(200);

        assertThat(newestImportInTheAuditLog().get("note").asString())
                .contains(
                        "users created: " + id + "-root (ADMIN)",
                        "users updated: " + id + "-lead (role USER → ADMIN), " + id + "-dev (active true → false",
                        "resources updated: " + id + "-db (owners (added " + id + "-lead; removed " + id
                                + "-boss), accounts (removed readonly))",
                        "users deactivated: " + id + "-dev");
    }

    @Test
    void levelsAnImportReplacesAreRecordedAsTheApiRecordsThemAndLevelsItKeepsAreNot() {
        List<String> before = currentLevels();
        List<String> after = new ArrayList<>(before);
        after.add(0, id + "-intern");

        importer.json("{\"levels\": " + Api.json(after) + "}").expect(200);
        importer.json("{\"levels\": " + Api.json(after) + "}").expect(200);

        assertThat(events.stream(LevelsReplaced.class))
                .singleElement()
                .satisfies(event -> assertThat(event.note())
                        .isEqualTo(String.join(" < ", before) + " ⇒ " + String.join(" < ", after)));
        assertThat(api.asAdmin()
                        .get("/api/v1/audit?action=levels.replaced&limit=1")
                        .json()
                        .get("items")
                        .get(0)
                        .get("note")
                        .asString())
                .endsWith(" ⇒ " + String.join(" < ", after));
    }

    private JsonNode newestImportInTheAuditLog() {
        return api.asAdmin()
                .get("/api/v1/audit?action=bundle.imported&limit=1")
                .expect(200)
                .json()
                .get("items")
                .get(0);
    }
}
