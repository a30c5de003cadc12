package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

/** The webhooks pages: add with a write-only secret, delete, read the deliveries, redeliver a dead letter. */
@CountersignTest
class WebhookAdminPagesTests extends AdminPagesTestBase {

    static final String SECRET = "a-signing-secret-0123456789";

    @Autowired
    AccessSetup setup;

    @Autowired
    MutableClock clock;

    @Test
    void aWebhookIsAddedWithoutItsSecretEverShownAndThenDeleted() throws Exception {
        String url = "https://hooks.example.com/" + Api.unique("in");

        MockHttpServletResponse created = browsing.post(
                admin,
                "/admin/webhooks",
                "url",
                url,
                "events",
                "request.created",
                "events",
                "grant.ended",
                "secret",
                SECRET);

        String deliveries = browsing.follow(admin, created);
        // not "No deliveries.": a request or grant of another test may already have reached the new webhook
        assertThat(deliveries).contains("is created.", url, "request.created, grant.ended", "Deliveries of webhook");
        String id = created.getRedirectedUrl().split("/")[3];
        assertThat(browsing.get(admin, "/admin/webhooks").getContentAsString())
                .contains(url)
                .doesNotContain(SECRET);
        assertThat(api.asAdmin().get("/api/v1/webhooks/" + id).expect(200).body())
                .contains(url);

        MockHttpServletResponse deleted = browsing.post(admin, "/admin/webhooks/" + id + "/delete");
        assertThat(browsing.follow(admin, deleted)).contains("The webhook and its deliveries are deleted.");
        api.asAdmin().get("/api/v1/webhooks/" + id).expect(404);
    }

    @Test
    void aRefusedWebhookShowsItsProblemsKeepsNoSecretAndAddsNothing() throws Exception {
        String before = api.asAdmin().get("/api/v1/webhooks").expect(200).body();

        MockHttpServletResponse refused = browsing.post(
                admin, "/admin/webhooks", "url", "ftp://nowhere", "events", "no.such_event", "secret", "short-secret");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("id=\"url-error\"", "id=\"events-error\"", "id=\"secret-error\"", "value=\"ftp://nowhere\"")
                .doesNotContain("short-secret");
        assertThat(api.asAdmin().get("/api/v1/webhooks").expect(200).body()).isEqualTo(before);
    }

    @Test
    void aWebhookToTheMetadataServiceIsRefusedBesideItsUrl() throws Exception {
        MockHttpServletResponse refused = browsing.post(
                admin,
                "/admin/webhooks",
                "url",
                "http://169.254.169.254/latest/meta-data",
                "events",
                "request.created",
                "secret",
                SECRET);

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("id=\"url-error\"", "never a receiver");
    }

    @Test
    void aDeadDeliveryIsListedWithItsStateAndRedeliveredOnce() throws Exception {
        // nothing listens on the discard port: every attempt fails until the delivery is dead
        String id = api.webhook("http://127.0.0.1:9/" + Api.unique("dead"), "request.created");
        autoApprovedRequest();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    clock.advance(Duration.ofHours(1));
                    return deadDeliveries(id).size() == 1;
                });
        String page = browsing.get(admin, "/admin/webhooks/" + id + "/deliveries?state=DEAD")
                .getContentAsString();
        String deliveryId = deadDeliveries(id).get(0).get("id").asString();
        assertThat(page).contains("request.created", ">DEAD<", "aria-label=\"Redeliver " + deliveryId + "\"");

        MockHttpServletResponse redelivered =
                browsing.post(admin, "/admin/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver");

        assertThat(browsing.follow(admin, redelivered)).contains("The event is queued to be sent again.");
        assertThat(api.asAdmin()
                        .get("/api/v1/webhooks/deliveries/" + deliveryId)
                        .expect(200)
                        .json()
                        .get("state")
                        .asString())
                .isNotEqualTo("DEAD");
        MockHttpServletResponse again =
                browsing.post(admin, "/admin/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver");
        assertThat(browsing.follow(admin, again)).contains("Nothing was changed");
        assertThat(browsing.post(admin, "/admin/webhooks/" + id + "/deliveries/dlv-unknown0/redeliver")
                        .getStatus())
                .isEqualTo(404);
    }

    private List<JsonNode> deadDeliveries(String webhook) {
        List<JsonNode> dead = new java.util.ArrayList<>();
        api.asAdmin()
                .get("/api/v1/webhooks/" + webhook + "/deliveries?state=DEAD")
                .expect(200)
                .json()
                .get("items")
                .forEach(dead::add);
        return dead;
    }

    private void autoApprovedRequest() {
        String resource = Api.unique("db");
        setup.database(resource, "admin");
        setup.openPolicy(resource);
        api.as(people.tokenFor(people.user("dev")))
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of("resource", resource, "account", "admin", "duration", "PT1H")))
                .expect(201);
    }

    @Test
    void aDeliveryStateTheListDoesNotOfferIsRefusedNamingOnlyThoseItOffers() throws Exception {
        String id = api.webhook("https://hooks.example.com/" + Api.unique("st"), "request.created");

        MockHttpServletResponse refused = browsing.get(admin, "/admin/webhooks/" + id + "/deliveries?state=bogus");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("id=\"state-error\">must be one of")
                .doesNotContain("SKIPPED");
    }
}
