package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.MutableClock;
import io.countersign.testing.SingleSignOnProvider;
import io.countersign.testing.TestClockConfiguration;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The provider posts a sign-out while Countersign cannot reach it: the service started while the
 * provider was down, or the provider went away after it. Nothing is wrong with the token then, so the
 * provider is told to try again (a server error), never that the token is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class BackChannelLogoutOutageTests {

    static final SingleSignOnProvider provider = new SingleSignOnProvider();
    static final int PROVIDER_PORT = SingleSignOnProvider.freePort();
    static final int PORT = SingleSignOnProvider.freePort();
    static final String BACK_CHANNEL = "http://localhost:" + PORT + "/logout/connect/back-channel/oidc";

    @Autowired
    MutableClock clock;

    @DynamicPropertySource
    static void singleSignOnWhileTheProviderIsDown(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("countersign.base-url", () -> "http://localhost:" + PORT);
        registry.add(
                "countersign.oidc.issuer",
                () -> "http://localhost:" + PROVIDER_PORT + "/" + SingleSignOnProvider.ISSUER_ID);
        registry.add("countersign.oidc.client-id", () -> SingleSignOnProvider.CLIENT_ID);
    }

    @AfterAll
    static void stopProvider() {
        provider.shutdown();
    }

    @Test
    void aSignOutTheProviderCannotBeCheckedForIsAServerErrorToRetryWithOneLineInTheLog(CapturedOutput log)
            throws Exception {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));

        HttpResponse<String> beforeDiscovery = backChannel("logout_token=not-yet-checked");

        assertThat(beforeDiscovery.statusCode()).isEqualTo(500);
        assertThat(beforeDiscovery.body())
                .contains("\"error\":\"server_error\"")
                .contains("the provider's discovery document could not be read");
        assertThat(log.getOut())
                .contains(
                        "Back-channel logout not taken, the provider may send it again: single sign-on is unavailable");

        provider.server().start(PROVIDER_PORT);
        String subject = SingleSignOnProvider.subjectOf("erin");
        assertThat(backChannel("logout_token=" + provider.logoutToken(subject, Map.of()))
                        .statusCode())
                .isEqualTo(200);
        String whileKeysAreUnreachable = provider.logoutToken(subject, Map.of());
        provider.shutdown();

        HttpResponse<String> withoutKeys = backChannel("logout_token=" + whileKeysAreUnreachable);

        assertThat(withoutKeys.statusCode()).isEqualTo(500);
        assertThat(withoutKeys.body())
                .contains("\"error\":\"server_error\"")
                .contains("the logout token could not be checked against the provider's keys");
        assertThat(log.getOut())
                .contains("Back-channel logout not taken, the provider may send it again: the logout token could not"
                        + " be checked: ")
                .doesNotContain(whileKeysAreUnreachable);
        assertThat(log.getOut().lines()).noneMatch(line -> line.startsWith("\tat ") || line.contains(" ERROR "));
    }

    /** Posted as the provider posts it: a form, no cookie, no CSRF token. */
    private static HttpResponse<String> backChannel(String form) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(BACK_CHANNEL))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
