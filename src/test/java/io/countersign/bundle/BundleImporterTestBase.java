package io.countersign.bundle;

import io.countersign.testing.Api;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** Where bundle tests start: an importer that sends bundles to the API as the administrator. */
abstract class BundleImporterTestBase {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    Importer importer;

    /** What this test's names start with, so that tests sharing a database do not meet. */
    String id;

    @BeforeEach
    void anImporter() {
        importer = new Importer(mvc);
        id = Api.unique("b");
    }

    /** A lead defined after the developer who reports to them, a group and a resource built on them. */
    String teamBundle() {
        return """
                {"users": [
                   {"username": "%1$s-dev", "email": "dev@example.com", "displayName": "Dev", "manager": "%1$s-lead"},
                   {"username": "%1$s-lead", "email": "lead@example.com", "manager": "%1$s-boss"},
                   {"username": "%1$s-boss", "email": "boss@example.com"}],
                 "groups": [{"name": "%1$s-team", "members": ["%1$s-lead", "%1$s-dev"], "managers": ["%1$s-boss"]}],
                 "resources": [{"name": "%1$s-db", "type": "database", "groups": ["%1$s-team"],
                                "labels": {"env": "prod"}, "owners": ["%1$s-boss"], "accounts": ["rw-admin", "readonly"]}]}""".formatted(id);
    }

    /** The levels as they are now, lowest first, in a list a test may change. */
    List<String> currentLevels() {
        List<String> levels = new ArrayList<>();
        api.asAdmin().get("/api/v1/levels").expect(200).json().forEach(node -> levels.add(node.asString()));
        return levels;
    }
}
