package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;

/**
 * The page that asks before deactivating a user says what will follow, counted when it is shown: the
 * grants revoked, their own pending requests ended, and other people's requests they approve that are
 * then rejected or escalated.
 */
@CountersignTest
class DeactivationOutlookTests extends AdminPagesTestBase {

    @Autowired
    AccessSetup setup;

    @Test
    void theOnlyApproverOfAPendingRequestIsToldItWillBeRejected() throws Exception {
        String leaver = people.user("leaver");
        String requester = people.user("requester");
        String token = people.tokenFor(leaver);
        String open = Api.unique("db");
        setup.database(open, "admin");
        setup.openPolicy(open);
        api.as(token).post("/api/v1/requests", request(open)).expect(201);
        String guarded = Api.unique("db");
        setup.database(guarded, "admin");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                Api.unique("only-leaver"),
                                "conditions",
                                Map.of("resourceName", guarded),
                                "steps",
                                List.of(Map.of("approvers", List.of(Map.of("user", leaver)))))))
                .expect(201);
        String waiting = api.as(people.tokenFor(requester))
                .post("/api/v1/requests", request(guarded))
                .expect(201)
                .json()
                .get("id")
                .asString();

        String page = HtmlUtils.htmlUnescape(
                browsing.get(admin, "/admin/users/" + leaver + "/deactivate").getContentAsString());

        assertThat(page)
                .contains("1 grant they hold is revoked")
                .contains("0 pending requests of their own end")
                .contains("They are an approver of 1 pending request of other people")
                .contains("of these the system rejects 1 and escalates 0 at once");
        assertThat(api.asAdmin()
                        .get("/api/v1/requests/" + waiting)
                        .expect(200)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
    }

    private static String request(String resource) {
        return Api.json(Map.of("resource", resource, "account", "admin", "duration", "PT1H"));
    }
}
