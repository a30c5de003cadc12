package io.countersign.web.pages.admin;

import io.countersign.directory.People;
import io.countersign.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What every administration page test starts from: the bootstrap administrator signed in through the
 * sign-in form, a browser to send their forms, and people to create through the API.
 */
abstract class AdminPagesTestBase {

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    People people;

    AdminBrowsing browsing;
    MockHttpSession admin;

    @BeforeEach
    void signInAsAdministrator() {
        browsing = new AdminBrowsing(mvc, api);
        admin = browsing.admin();
    }
}
