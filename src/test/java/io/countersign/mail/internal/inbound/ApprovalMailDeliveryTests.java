package io.countersign.mail.internal.inbound;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.mail.MailServers;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.testing.Api;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Getting the approval mail out and the replies in despite trouble: a watcher that crashes between
 * deciding and deleting, a mail server that is down or not yet configured, a mail no longer needed by
 * the time it could leave, an approver who opted out of mail and one without an address.
 */
class ApprovalMailDeliveryTests extends ApprovingByMailFixture {

    @Test
    void aCrashBetweenDecidingAndDeletingDecidesOnce() throws Exception {
        String id = scene.pending(dev, List.of(step(2, lisa, carol)));
        ReplyMail answer = reply(mailAbout(lisa, id), lisa, "Approve");
        file(answer.bytes());
        crash.crashAfterApplyingOne(PATIENCE);
        assertThat(request(id).get("decisions").size()).isEqualTo(1);
        assertThat(waiting()).isEqualTo(1);

        crash.restart();

        MailAwait.patiently().until(() -> waiting() == 0);
        assertThat(request(id).get("decisions").size()).isEqualTo(1);
        assertThat(refusals(id)).isEmpty();
    }

    @Test
    void theMailServerDownForAWhileDelaysTheMailAndLosesNothing() throws Exception {
        configure(unreachableSmtp());
        String id = scene.pending(dev, List.of(step(1, lisa)));

        MailAwait.patiently().until(() -> stepOpenedTo(lisa).hasNonNull("lastError"));
        JsonNode failing = stepOpenedTo(lisa);
        assertThat(failing.get("state").asString()).isEqualTo("PENDING");
        assertThat(failing.get("lastError").asString())
                .as("in words, without the server's host")
                .isEqualTo("could not reach the mail server: connection refused");
        assertThat(status(id)).isEqualTo("PENDING");

        configure(MailServers.plainSmtp(mail));
        scene.advanceAndSettle(Duration.ofMinutes(5));

        MimeMessage asked = mailAbout(lisa, id);
        assertThat(stepOpenedTo(lisa).get("state").asString()).isEqualTo("DELIVERED");
        file(reply(asked, lisa, "Yes").bytes());
        awaitStatus(id, "APPROVED");
    }

    @Test
    void mailQueuedBeforeTheServerIsSavedWaitsWithoutIssuingTokensAndLeavesOnceItIs() throws Exception {
        jdbc.sql("delete from mail_settings").update();
        String id = scene.pending(dev, List.of(step(1, lisa)));

        MailAwait.patiently().until(() -> stepOpenedTo(lisa).hasNonNull("lastError"));
        assertThat(stepOpenedTo(lisa).get("lastError").asString())
                .isEqualTo("No SMTP server is configured (settings › mail).");
        assertThat(stepOpenedTo(lisa).get("state").asString()).isEqualTo("PENDING");
        assertThat(jdbc.sql("select count(*) from action_tokens where request_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();

        configure(MailServers.plainSmtp(mail));
        scene.advanceAndSettle(Duration.ofMinutes(5));
        file(reply(mailAbout(lisa, id), lisa, "Approve").bytes());
        awaitStatus(id, "APPROVED");
    }

    @Test
    void anApprovalMailStillWaitingWhenTheRequestIsDecidedIsSkippedNotDead() throws Exception {
        jdbc.sql("delete from mail_settings").update();
        String id = scene.pending(dev, List.of(step(1, lisa)));
        MailAwait.patiently().until(() -> stepOpenedTo(lisa).hasNonNull("lastError"));
        api.as(lisa.token())
                .post("/api/v1/requests/" + id + "/approve", Api.json(Map.of("comment", "seen in the queue")))
                .expect(200);

        assertSkippedOnceTheServerIsSaved("Not sent: Request " + id + " is APPROVED.");
    }

    @Test
    void anApprovalMailStillWaitingWhenItsApproverMayNoLongerDecideIsSkippedNotDead() throws Exception {
        jdbc.sql("delete from mail_settings").update();
        String id = scene.pending(dev, List.of(step(1, lisa, carol)));
        MailAwait.patiently().until(() -> stepOpenedTo(lisa).hasNonNull("lastError"));
        api.asAdmin()
                .put(
                        "/api/v1/users/" + lisa.name(),
                        Api.json(Map.of("email", email(lisa), "role", "USER", "active", false)))
                .expect(200);

        assertSkippedOnceTheServerIsSaved("Not sent: " + lisa.name() + " is deactivated.");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void anApprovalMailToAnApproverDeactivatedWhileTheStepStillListsThemIsSkippedAndIssuesNoToken() throws Exception {
        jdbc.sql("delete from mail_settings").update();
        String id = scene.pending(dev, List.of(step(1, lisa, carol)));
        MailAwait.patiently().until(() -> stepOpenedTo(lisa).hasNonNull("lastError"));
        // deactivated in a moment when the request kept them among the step's approvers
        jdbc.sql("update users set active = false where id = ?")
                .param(lisa.id())
                .update();

        assertSkippedOnceTheServerIsSaved("Not sent: " + lisa.name() + " is deactivated.");
        assertThat(jdbc.sql("select count(*) from action_tokens where request_id = ? and approver_id = ?")
                        .param(id)
                        .param(lisa.id())
                        .query(Long.class)
                        .single())
                .isZero();
        mailAbout(carol, id);
    }

    @Test
    void theOutcomeMailToARequesterDeactivatedBeforeItLeavesIsSkipped() throws Exception {
        jdbc.sql("delete from mail_settings").update();
        String id = scene.pending(dev, List.of(step(1, lisa)));
        api.as(lisa.token()).post("/api/v1/requests/" + id + "/approve", null).expect(200);
        MailAwait.patiently().until(() -> toldOutcome(dev).hasNonNull("lastError"));
        jdbc.sql("update users set active = false where id = ?").param(dev.id()).update();

        assertSkippedOnceTheServerIsSaved(() -> toldOutcome(dev), dev, "Not sent: " + dev.name() + " is deactivated.");
    }

    private JsonNode toldOutcome(Person person) {
        return scene.deliveriesTo(person).stream()
                .filter(d -> d.get("type").asString().equals("REQUEST_DECIDED"))
                .filter(d -> d.get("channel").asString().equals("EMAIL"))
                .findFirst()
                .orElseThrow();
    }

    /** Lisa's approval mail, held back until now for want of a server, is no longer needed once it is. */
    private void assertSkippedOnceTheServerIsSaved(String why) throws Exception {
        assertSkippedOnceTheServerIsSaved(() -> stepOpenedTo(lisa), lisa, why);
    }

    /** A mail to {@code person}, held back until now for want of a server, is no longer needed once it is. */
    private void assertSkippedOnceTheServerIsSaved(Supplier<JsonNode> delivery, Person person, String why)
            throws Exception {
        configure(MailServers.plainSmtp(mail));
        scene.advanceAndSettle(Duration.ofMinutes(5));

        MailAwait.patiently()
                .until(() -> !delivery.get().get("state").asString().equals("PENDING"));
        JsonNode skipped = delivery.get();
        assertThat(skipped.get("state").asString()).isEqualTo("SKIPPED");
        assertThat(skipped.get("lastError").asString()).isEqualTo(why);
        assertThat(received(email(person))).isEmpty();
        assertThat(api.asAdmin()
                        .get("/api/v1/notifications/deliveries?state=DEAD&channel=EMAIL&recipient=" + person.name())
                        .expect(200)
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(jdbc.sql("select count(*) from audit_events where target = ?")
                        .param("notification:" + skipped.get("id").asString())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void anUnsubscribedApproverGetsNoMailButStillSeesTheRequestInTheirQueue() throws Exception {
        api.as(carol.token())
                .put("/api/v1/users/" + carol.name() + "/subscriptions", Api.json(Map.of("step_opened", List.of())))
                .expect(200);
        String id = scene.pending(dev, List.of(step(1, lisa, carol)));

        mailAbout(lisa, id);
        scene.awaitNothingDue();

        assertThat(received(email(carol))).isEmpty();
        assertThat(api.as(carol.token())
                        .get("/api/v1/requests?awaiting=me")
                        .expect(200)
                        .json()
                        .get("items")
                        .valueStream()
                        .map(r -> r.get("id").asString()))
                .contains(id);
    }

    @Test
    void aRecipientWithoutAnAddressIsRefusedAndListedSo() {
        jdbc.sql("update users set email = '' where id = ?").param(lisa.id()).update();
        scene.pending(dev, List.of(step(1, lisa)));

        MailAwait.patiently()
                .until(() -> stepOpenedTo(lisa).get("state").asString().equals("DEAD"));
        assertThat(stepOpenedTo(lisa).get("lastError").asString()).isEqualTo(lisa.name() + " has no mail address.");
    }
}
