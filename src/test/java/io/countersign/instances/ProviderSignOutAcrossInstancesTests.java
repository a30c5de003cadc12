package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import io.countersign.testing.PostgresDatabases;
import io.countersign.testing.SingleSignOnProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The provider's logout token reaches one instance, while the browser's session lives in the other's
 * memory: the sign-out goes through the shared PostgreSQL database, and the other instance ends the
 * session at its next page.
 */
class ProviderSignOutAcrossInstancesTests extends TwoInstancesTestBase {

    static final SingleSignOnProvider provider = new SingleSignOnProvider();
    static String baseOfA;

    @BeforeAll
    static void start() {
        provider.start();
        int port = SingleSignOnProvider.freePort();
        baseOfA = "http://localhost:" + port;
        String[] singleSignOn = provider.settingsFor(baseOfA).entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        clock = new MutableClock();
        String url = PostgresDatabases.createDatabase(
                "cs_" + UUID.randomUUID().toString().replace("-", ""));
        a = Instance.start(
                "a",
                url,
                clock,
                Stream.concat(Stream.of("--server.port=" + port), Stream.of(singleSignOn))
                        .toArray(String[]::new));
        b = Instance.start("b", url, clock, singleSignOn);
    }

    @AfterAll
    static void stopProvider() {
        provider.shutdown();
    }

    @Test
    void aLogoutTokenPostedToOneInstanceEndsTheSessionHeldByTheOther() {
        String person = Api.unique("ines");
        a.user(person, "USER");
        Map<String, Object> claims = SingleSignOnProvider.claims(person, List.of());
        claims.put("sid", "session-of-" + person);
        provider.says(claims);
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        assertThat(page(browser, baseOfA + "/oauth2/authorization/oidc").body()).contains(person);
        clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));

        String token =
                provider.logoutToken(SingleSignOnProvider.subjectOf(person), Map.of("sid", "session-of-" + person));
        HttpResponse<String> answered = send(
                HttpClient.newHttpClient(),
                HttpRequest.newBuilder(b.uri("/logout/connect/back-channel/oidc"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + token))
                        .build());

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(b.bean(JdbcClient.class)
                        .sql("select count(*) from provider_sign_outs where session_id = ?")
                        .param("session-of-" + person)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(page(browser, baseOfA + "/").uri().getPath()).isEqualTo("/login");
        assertThat(b.asAdmin("GET", "/api/v1/audit?action=user.signed_out&actor=" + person, null)
                        .expect(200)
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(1);
    }

    private static HttpResponse<String> page(HttpClient browser, String address) {
        return send(
                browser,
                HttpRequest.newBuilder(URI.create(address))
                        .header("Accept", "text/html")
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
