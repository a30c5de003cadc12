package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.countersign.testing.MutableClock;
import io.countersign.testing.TcpProxy;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The service on PostgreSQL reached through a relay the test breaks: while the database is out of
 * reach the access check denies at once with 503, readiness is DOWN, and both recover by themselves
 * once it is back. Latency bounds here are deliberately generous; the measured figures are in
 * BENCHMARKS.md.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageTests {

    /**
     * Far above the 600 ms the service allows itself, so that a loaded machine does not fail the test,
     * and far below the 30 s the test profile's pool waits for a connection: a check that waited for
     * the pool instead of its own bound would take that long.
     */
    static final Duration GENEROUS = Duration.ofSeconds(10);

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "a long enough password";

    TcpProxy proxy;
    Instance instance;
    String enforcer;
    String unusedEnforcer;
    final String check = "/api/v1/access/check?user=dev&resource=prod-db&account=admin";

    @BeforeEach
    void start() throws Exception {
        ProxiedDatabase database = ProxiedDatabase.create();
        proxy = database.proxy();
        // deliveries looked for every 200 ms keep more pooled connections open, so that the outage
        // meets broken ones first
        instance = Instance.start(
                "outage", database.url(), new MutableClock(), "--countersign.notifications.delivery-interval=200ms");
        enforcer = instance.user("gateway-" + UUID.randomUUID().toString().substring(0, 8), "ENFORCER");
        unusedEnforcer = instance.user("proxy-" + UUID.randomUUID().toString().substring(0, 8), "ENFORCER");
        instance.get(enforcer, check).expect(200);
        instance.get(null, "/actuator/health/readiness").expect(200);
    }

    @AfterEach
    void stop() throws Exception {
        Instance.closeAll(instance, proxy);
    }

    @Test
    void withTheDatabaseDownTheCheckDeniesAtOnceAndTheServiceRecoversByItself() {
        outageAndRecovery(TcpProxy::cut);
    }

    @Test
    void withTheDatabaseSilentTheCheckDeniesAtOnceAndTheServiceRecoversByItself() {
        outageAndRecovery(TcpProxy::silence);
    }

    @Test
    void concurrentChecksWhileTheDatabaseIsDownAreAllDeniedAtOnce() throws Exception {
        proxy.cut();
        ExecutorService gateway = Executors.newFixedThreadPool(32);
        try {
            List<Future<Long>> checks = new ArrayList<>();
            for (int i = 0; i < 96; i++) {
                checks.add(gateway.submit(() -> {
                    long started = System.nanoTime();
                    Instance.Answer answer = instance.get(enforcer, check);
                    assertThat(answer.status()).isEqualTo(503);
                    assertThat(answer.json().get("allowed").asBoolean(true)).isFalse();
                    return Duration.ofNanos(System.nanoTime() - started).toMillis();
                }));
            }
            List<Long> millis = new ArrayList<>();
            for (Future<Long> check : checks) {
                millis.add(check.get());
            }
            System.out.println("concurrent checks during outage, slowest (ms): "
                    + millis.stream().mapToLong(m -> m).max().orElseThrow());
            // each waiting out the bounded call's timeout in turn took 96 × 600 ms / 32 threads
            assertThat(millis).allMatch(ms -> ms < GENEROUS.toMillis());
        } finally {
            gateway.shutdownNow();
        }
    }

    @Test
    void aTokenThatCannotBeLookedUpIsAnswered503OnEveryPathNever500() throws Exception {
        // never used before the outage, so no instance remembers it
        String administrator =
                instance.user("ops-" + UUID.randomUUID().toString().substring(0, 8), "ADMIN");
        proxy.cut();

        for (String path : List.of(
                "/actuator/prometheus",
                "/actuator/health",
                "/actuator/metrics/countersign.requests.waiting",
                "/api/v1/levels")) {
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(instance.uri(path))
                            .header("Authorization", "Bearer " + administrator)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(path).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).as(path).contains("1");
            assertThat(answer.headers().firstValue("Content-Type"))
                    .as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body())
                    .as(path)
                    .contains("\"status\":503", "database", "nothing was changed. Try again shortly.");
        }
    }

    @Test
    void aSignedInBrowserIsShownTheOutagePageAndAScriptItsProblemNeverAFailure(CapturedOutput log) {
        SignedInBrowser browser = SignedInBrowser.at(instance, user("rosa"), PASSWORD);
        proxy.cut();

        // the session check reads the user first: the database is out of reach before any page runs
        for (String path : List.of("/profile", "/approvals", "/no/such/page")) {
            HttpResponse<String> page = browser.page(path);

            assertThat(page.statusCode()).as(path).isEqualTo(503);
            assertThat(page.headers().firstValue("Retry-After")).as(path).contains("1");
            assertThat(page.headers().firstValue("Content-Type"))
                    .as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(page.body()).as(path).contains("<html", "database", "nothing was changed. Try again shortly.");
        }
        // refused before any page runs, and answered by the container's error dispatch with the session
        HttpResponse<String> refused = browser.page("/profile;x=1");
        assertThat(refused.statusCode()).isIn(400, 503);
        assertThat(refused.body()).contains("<html");
        HttpResponse<String> script = browser.ask("/profile", "application/json");
        assertThat(script.statusCode()).isEqualTo(503);
        assertThat(script.headers().firstValue("Retry-After")).contains("1");
        assertThat(script.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(script.body()).contains("\"status\":503", "database", "nothing was changed. Try again shortly.");
        assertThat(log.getAll()).doesNotContain("threw exception");
    }

    @Test
    void withTheDatabaseDownASignedInBrowsersFirstPageIsRefusedAtOnceAndItsSessionOutlivesTheOutage() {
        firstPageOfASignedInBrowser(this::cutLongEnoughForThePoolToLetGo, "nothing was changed. Try again shortly.");
    }

    @Test
    void withTheDatabaseSilentASignedInBrowsersFirstPageIsRefusedAtOnceAndItsSessionOutlivesTheOutage() {
        firstPageOfASignedInBrowser(TcpProxy::silence, "database did not answer in time (or cannot be reached)");
    }

    /**
     * The session check is the first thing a page reads from the database, and its first call after the
     * outage began: it waits no longer than the access check, and never lets the page through unchecked.
     */
    private void firstPageOfASignedInBrowser(Consumer<TcpProxy> outage, String said) {
        String name = user("ines");
        SignedInBrowser browser = SignedInBrowser.at(instance, name, PASSWORD);
        outage.accept(proxy);

        long started = System.nanoTime();
        HttpResponse<String> page = browser.page("/profile");
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        System.out.println("first page during outage (ms): " + millis);
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Retry-After")).contains("1");
        assertThat(page.body()).contains("<html", said).doesNotContain(name);
        assertThat(millis).isLessThan(GENEROUS.toMillis());

        proxy.restore();
        // refused, not signed out: the same session opens its page again once the database is back
        await().dontCatchUncaughtExceptions()
                .atMost(GENEROUS)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> browser.page("/profile").statusCode() == 200);
        assertThat(browser.page("/profile").body()).contains(name);
    }

    @Test
    void withTheDatabaseDownThePasswordSignInFormIsAnsweredWithTheOutagePageAtOnce() {
        passwordSignInDuring(this::cutLongEnoughForThePoolToLetGo, "nothing was changed. Try again shortly.");
    }

    @Test
    void withTheDatabaseSilentThePasswordSignInFormIsAnsweredWithTheOutagePageAtOnce() {
        passwordSignInDuring(TcpProxy::silence, "database did not answer in time (or cannot be reached)");
    }

    /**
     * A sign-in reads the user, the lockout counts and the password from the database: each of those a
     * bounded call, so the form is answered the outage page as fast as a signed-in page, never after the
     * pool's wait, and never as a wrong password that would count against the user.
     */
    private void passwordSignInDuring(Consumer<TcpProxy> outage, String said) {
        String name = user("noor");
        SignedInBrowser browser = SignedInBrowser.showingSignInForm(instance);
        outage.accept(proxy);

        long started = System.nanoTime();
        HttpResponse<String> answer = browser.signIn(name, PASSWORD);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

        System.out.println("password sign-in during outage (ms): " + millis);
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).contains("1");
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(answer.body()).contains("<html", said);
        assertThat(millis).isLessThan(GENEROUS.toMillis());

        proxy.restore();
        await().dontCatchUncaughtExceptions()
                .atMost(GENEROUS)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> instance.get(null, "/actuator/health/readiness").status() == 200);
        assertThat(SignedInBrowser.at(instance, name, PASSWORD).page("/profile").body())
                .contains(name);
    }

    /**
     * Down for long enough that the pool has let its broken connections go: the next call needs a new
     * one, which it would wait for the pool's 30 s for.
     */
    private void cutLongEnoughForThePoolToLetGo(TcpProxy database) {
        database.cut();
        try {
            instance.bean(DataSource.class)
                    .unwrap(HikariDataSource.class)
                    .getHikariPoolMXBean()
                    .softEvictConnections();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A user with a password, under a name of its own. */
    private String user(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        instance.asAdmin(
                        "POST",
                        "/api/v1/users",
                        Map.of("username", name, "email", name + "@example.com", "role", "USER", "password", PASSWORD))
                .expect(201);
        return name;
    }

    private void outageAndRecovery(Consumer<TcpProxy> outage) {
        outage.accept(proxy);

        List<Long> millis = new ArrayList<>();
        for (String token : List.of(enforcer, unusedEnforcer, enforcer, enforcer, unusedEnforcer)) {
            long started = System.nanoTime();
            Instance.Answer answer = instance.get(token, check);
            millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.json().get("allowed").asBoolean(true)).isFalse();
            assertThat(answer.json().get("detail").asString()).contains("Access is denied");
        }
        System.out.println("check during outage (ms): " + millis);
        assertThat(millis).allMatch(ms -> ms < GENEROUS.toMillis());

        // readiness reuses its answer for half a second, and the checks above may all have failed
        // fast on broken pooled connections within that time after the last UP
        long readinessStarted = System.nanoTime();
        await().dontCatchUncaughtExceptions()
                .atMost(GENEROUS)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> instance.get(null, "/actuator/health/readiness").status() == 503);
        System.out.println("readiness DOWN after (ms): "
                + Duration.ofNanos(System.nanoTime() - readinessStarted).toMillis());

        long restored = System.nanoTime();
        proxy.restore();
        // the scheduler's threads fail while the database is away, and may still be failing as it
        // comes back (so neither wait here counts their errors); what counts is that the check and readiness recover
        await().dontCatchUncaughtExceptions()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> instance.get(enforcer, check).status() == 200
                        && instance.get(null, "/actuator/health/readiness").status() == 200);
        System.out.println("recovered after (ms): "
                + Duration.ofNanos(System.nanoTime() - restored).toMillis());
        Instance.Answer after = instance.get(unusedEnforcer, check).expect(200);
        assertThat(after.json().get("allowed").asBoolean()).isFalse();
    }
}
