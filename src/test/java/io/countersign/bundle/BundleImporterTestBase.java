package io.countersign.bundle;

import io.countersign.testing.Api;
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

    @BeforeEach
    void anImporter() {
        importer = new Importer(mvc);
    }
}
