package io.countersign.web.pages;

import io.countersign.security.SingleSignOnDirectory;
import io.countersign.testing.Api;
import io.countersign.testing.SingleSignOnProvider;
import io.countersign.testing.TestClockConfiguration;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on end to end: a real OpenID provider runs beside the service, and a cookie-keeping
 * HTTP client walks the authorization code flow through both, as a browser would. The tests that
 * extend this share one service and one provider: the provider stops when the service's context does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class, SingleSignOnPagesTestBase.ProviderLifecycle.class})
abstract class SingleSignOnPagesTestBase {

    static final String ISSUER_ID = SingleSignOnProvider.ISSUER_ID;
    static final SingleSignOnProvider sso = new SingleSignOnProvider();
    static final MockOAuth2Server provider = sso.server();
    static final int PORT = SingleSignOnProvider.freePort();
    static final String BASE = "http://localhost:" + PORT;

    @Autowired
    Api api;

    SingleSignOnDirectory directory;

    @BeforeEach
    void directory() {
        directory = new SingleSignOnDirectory(api);
    }

    @DynamicPropertySource
    static void singleSignOn(DynamicPropertyRegistry registry) {
        sso.start();
        registry.add("server.port", () -> PORT);
        sso.settingsFor(BASE).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("countersign.oidc.groups-claim", () -> "groups");
        registry.add("countersign.oidc.create-users", () -> "true");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ProviderLifecycle {
        @Bean
        DisposableBean singleSignOnProviderStops() {
            return sso::shutdown;
        }
    }

    List<String> signOutNotes(String username) {
        return api.asAdmin()
                .get("/api/v1/audit?action=user.signed_out&actor=" + username)
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .map(item -> item.get("note").asString())
                .toList();
    }

    static void providerSays(Map<String, Object> claims) {
        sso.says(claims);
    }

    /** The provider signs {@code username} in, with no groups, as {@code browser} signs on; where it lands. */
    static HttpResponse<String> signOn(Visitor browser, String username) {
        providerSays(claims(username, List.of()));
        return browser.open(BASE + "/oauth2/authorization/oidc");
    }

    static Map<String, Object> claims(String username, List<String> groups) {
        return SingleSignOnProvider.claims(username, groups);
    }
}
