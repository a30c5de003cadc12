package io.countersign.mail.internal.inbound;

import static io.countersign.notify.NotificationScene.step;
import static io.countersign.notify.NotificationScene.stepDecidedOnlyThrough;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Replies that must decide nothing: from another address, with a forged or replayed reply code, from
 * an address that is shared or has changed hands, from an approver who has left, or about a request
 * that is no longer pending. Each refusal is audited and leaves the request as it was.
 */
@ExtendWith(OutputCaptureExtension.class)
class RefusedMailRepliesTests extends ApprovingByMailFixture {

    @Test
    void aReplyThatNamesNoRequestIsLoggedWithoutOne(CapturedOutput output) throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));

        file(reply(mailAbout(lisa, id), lisa, "Approve")
                .subject("Re: access")
                .inReplyTo(null)
                .bytes());

        MailAwait.patiently().until(() -> waiting() == 0 && output.getOut().contains("names no request"));
        assertThat(output.getOut())
                .contains("Refused a reply by mail from " + email(lisa) + ": the reply names no request")
                .doesNotContain("about null");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void aReplyThatNamesNoRequestButCarriesTheApproversOwnCodeSaysTheyCanStillDecide() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        MimeMessage asked = mailAbout(lisa, id);

        file(reply(asked, lisa, null)
                .to("countersign@example.com")
                .subject("Re: hello")
                .inReplyTo(null)
                .text("Approve\n\n" + quoted(asked))
                .bytes());

        MimeMessage answer = mailTo(lisa, "Your reply was not applied (" + id + ")");
        assertThat(text(answer))
                .contains(
                        "The reply names no request.",
                        "Nothing was changed. You can still decide from the link in the original mail or on the"
                                + " request's page, https://countersign.example.com/requests/" + id + ", or by"
                                + " replying to the original mail with Approve or Reject on the first line")
                .doesNotContain("could not tell")
                .doesNotContainPattern("[a-z2-7]{32}");
        assertThat(status(id)).isEqualTo("PENDING");
        assertThat(request(id).get("decisions")).isEmpty();
    }

    @Test
    void aReplyThatNamesNoRequestNorCarriesACodeIsToldHowToReplySoThatItDoes() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        MimeMessage asked = mailAbout(lisa, id);

        file(reply(asked, lisa, null)
                .to("countersign@example.com")
                .subject("Re: hello")
                .inReplyTo(null)
                .text("Approve\n")
                .bytes());

        MimeMessage answer = mailTo(lisa, "Your reply was not applied");
        assertThat(answer.getSubject()).isEqualTo("Re: Your reply was not applied");
        assertThat(text(answer))
                .contains(
                        "The reply names no request.",
                        "Nothing was changed. Countersign could not tell which approval your reply answers. To decide"
                                + " by mail, reply to the approval mail itself (one that shows a reply code), keeping"
                                + " its subject, which names the request, and sending to its reply address, which"
                                + " carries your reply code.")
                .doesNotContain("still decide");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void aReplyFromAnotherUsersAddressIsRefusedAuditedAndAnswered() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));

        file(reply(mailAbout(lisa, id), carol, "Approve").bytes());

        MimeMessage answer = mailTo(carol, "Your reply was not applied");
        // the refusal is answered before the message is deleted, so the answer can arrive first
        MailAwait.patiently().until(() -> waiting() == 0);
        assertThat(answer.getSubject()).isEqualTo("Re: Your reply was not applied (" + id + ")");
        assertThat(text(answer))
                .contains("The reply did not come from the address the notification went to.")
                .contains("Nothing was changed.")
                .doesNotContain("still decide")
                .doesNotContainPattern("[a-z2-7]{32}");
        assertThat(answer.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(refusals(id))
                .containsExactly("from " + email(carol) + ": the reply did not come from the address the notification"
                        + " went to");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void anApproverWhoseReplyCouldNotBeReadIsToldHowTheStepLetsThemStillDecide() throws Exception {
        String id = scene.pending(dev, List.of(stepDecidedOnlyThrough(lisa, "WEB", "EMAIL")));
        MimeMessage asked = mailAbout(lisa, id);

        file(reply(asked, lisa, null).text(quoted(asked)).bytes());

        MimeMessage answer = mailTo(lisa, "Your reply was not applied (" + id + ")");
        assertThat(text(answer))
                .contains("The reply has no first line to read.")
                .contains("You can still decide from the link in the original mail or on the request's page,"
                        + " https://countersign.example.com/requests/" + id + ", or by replying to the original mail"
                        + " with Approve or Reject on the first line, above the quoted mail.")
                .doesNotContain("API");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void anEmptyReplyToAStepDecidedOnlyByMailIsToldToReplyToTheOriginalMailAgain() throws Exception {
        String id = scene.pending(dev, List.of(stepDecidedOnlyThrough(lisa, "EMAIL")));
        MimeMessage asked = mailAbout(lisa, id);
        assertThat(text(asked))
                .contains("The policy takes decisions on this step only by mail.")
                .contains("To answer by mail, reply with Approve or Reject on the first line.")
                .doesNotContain("EMAIL", "You can also answer by mail", "/actions/");

        file(reply(asked, lisa, null).text(quoted(asked)).bytes());

        MimeMessage answer = mailTo(lisa, "Your reply was not applied (" + id + ")");
        assertThat(text(answer))
                .contains("The reply has no first line to read.")
                .contains("Nothing was changed. You can still decide by replying to the original mail with Approve or"
                        + " Reject on the first line, above the quoted mail.")
                .doesNotContain("replying to it", "/requests/", "link");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void aReplyInACharsetThatCannotBeDecodedIsRefusedAuditedAndAnsweredNotReadAsItsBytes() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        MimeMessage asked = mailAbout(lisa, id);

        file(reply(asked, lisa, null)
                .body("text/plain; charset=UTF-7", StandardCharsets.US_ASCII, "+AEE-pprove utf7\n\n" + quoted(asked))
                .bytes());

        MimeMessage answer = mailTo(lisa, "Your reply was not applied (" + id + ")");
        // the plus address still says the code is lisa's, unused, and the step open
        assertThat(text(answer))
                .contains(
                        "The message could not be read.",
                        "Nothing was changed. You can still decide from the link in the original mail or on the"
                                + " request's page, https://countersign.example.com/requests/" + id + ", or by"
                                + " replying to the original mail with Approve or Reject on the first line")
                .doesNotContain("could not tell");
        MailAwait.patiently().until(() -> waiting() == 0);
        assertThat(refusals(id)).containsExactly("from " + email(lisa) + ": the message could not be read");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void aReplyToAStepTakenOnlyThroughTheApiOffersNoOtherWayToDecide() throws Exception {
        String id = scene.pending(dev, List.of(stepDecidedOnlyThrough(lisa, "API")));
        MimeMessage asked = mailAbout(lisa, id);

        file(replyWithoutCode(asked, lisa).bytes());

        MimeMessage answer = mailTo(lisa, "Your reply was not applied (" + id + ")");
        assertThat(text(answer))
                .contains(
                        "The reply carries no reply code.",
                        "Nothing was changed. The policy takes decisions on this step only through Countersign's API."
                                + " You can still decide through Countersign's API.")
                .doesNotContain("/actions/", "/requests/", "reply to the approval mail itself");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void mailFromAStrangerIsRefusedAndAuditedButNeverAnswered() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        String stranger = Api.unique("spam") + "@example.net";

        file(reply(mailAbout(lisa, id), lisa, "Approve")
                .from(stranger)
                .subject("Re: Cheap pills at http://spam.example.net #" + id)
                .bytes());

        // an answer leaves before the message is deleted: once it is gone, none was sent
        MailAwait.patiently().until(() -> waiting() == 0 && !refusals(id).isEmpty());
        assertThat(refusals(id))
                .containsExactly(
                        "from " + stranger + ": the reply did not come from the address the notification" + " went to");
        assertThat(received(stranger)).isEmpty();
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void aForgedSenderWithAStolenSubjectIsRefused() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        MimeMessage asked = mailAbout(lisa, id);
        String guessed = "abcdefghijklmnopqrstuvwxyz234567";

        file(
                reply(asked, lisa, "Approve")
                        .to("countersign@example.com")
                        .text("Approve\n")
                        .bytes(),
                reply(asked, lisa, "Approve")
                        .to("countersign+" + guessed + "@example.com")
                        .text("Approve\n")
                        .bytes());

        MailAwait.patiently().until(() -> refusals(id).size() == 2 && waiting() == 0);
        assertThat(refusals(id))
                .containsExactlyInAnyOrder(
                        "from " + email(lisa) + ": the reply carries no reply code",
                        "from " + email(lisa) + ": the reply code is unknown");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void aDecisionLinksTokenPastedAsReplyCodeIsUnknown() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        MimeMessage asked = mailAbout(lisa, id);
        Matcher link = Pattern.compile("/actions/([a-z2-7]{32})").matcher(text(asked));
        assertThat(link.find()).isTrue();

        file(reply(asked, lisa, "Approve")
                .to("countersign@example.com")
                .text("Approve\n\nReply code: " + link.group(1))
                .bytes());

        MailAwait.patiently().until(() -> !refusals(id).isEmpty());
        assertThat(refusals(id)).containsExactly("from " + email(lisa) + ": the reply code is unknown");
        assertThat(status(id)).isEqualTo("PENDING");
        assertThat(request(id).get("decisions")).isEmpty();
    }

    @Test
    void anAddressTwoActiveUsersShareDecidesNothing() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        MimeMessage asked = mailAbout(lisa, id);
        api.asAdmin()
                .post("/api/v1/users", Api.json(Map.of("username", Api.unique("lisa-twin"), "email", email(lisa))))
                .expect(201);

        file(reply(asked, lisa, "Approve").bytes());

        MailAwait.patiently().until(() -> !refusals(id).isEmpty());
        assertThat(refusals(id))
                .containsExactly("from " + email(lisa) + ": the sender's address belongs to more than one user");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void anAddressThatNowBelongsToSomeoneElseDecidesNothing() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa, carol)));
        MimeMessage asked = mailAbout(lisa, id);
        // after the mail went out, lisa moved to another address and carol took over the old one
        api.asAdmin()
                .put(
                        "/api/v1/users/" + lisa.name(),
                        Api.json(Map.of("username", lisa.name(), "email", Api.unique("lisa.new") + "@example.com")))
                .expect(200);
        api.asAdmin()
                .put("/api/v1/users/" + carol.name(), Api.json(Map.of("username", carol.name(), "email", email(lisa))))
                .expect(200);

        file(reply(asked, lisa, "Approve").bytes());

        MailAwait.patiently().until(() -> !refusals(id).isEmpty());
        assertThat(refusals(id))
                .containsExactly(
                        "from " + email(lisa) + ": the sender's address is not that of the approver the mail went to");
        assertThat(status(id)).isEqualTo("PENDING");
        assertThat(request(id).get("decisions")).isEmpty();
    }

    @Test
    void aReplayedReplyIsRefusedAndTheSameMessageAgainIsOnlyDeleted() throws Exception {
        String id = scene.pending(dev, List.of(step(2, lisa, carol)));
        ReplyMail first = reply(mailAbout(lisa, id), lisa, "Approve");
        file(first.bytes());
        MailAwait.patiently().until(() -> request(id).get("decisions").size() == 1 && waiting() == 0);

        file(first.bytes(), reply(mailAbout(lisa, id), lisa, "Approve").bytes());

        MailAwait.patiently().until(() -> waiting() == 0 && !refusals(id).isEmpty());
        assertThat(refusals(id)).containsExactly("from " + email(lisa) + ": the reply code was already used");
        assertThat(request(id).get("decisions").size()).isEqualTo(1);
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void aReplyToADecidedRequestIsRefusedAndAnswered() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa, carol)));
        MimeMessage asked = mailAbout(lisa, id);
        scene.approve(carol, id);

        file(reply(asked, lisa, "Reject").bytes());

        MimeMessage answer = mailTo(lisa, "Your reply was not applied");
        assertThat(text(answer)).contains("The request is no longer pending.").doesNotContain("still decide");
        assertThat(refusals(id)).containsExactly("from " + email(lisa) + ": the request is no longer pending");
        assertThat(status(id)).isEqualTo("APPROVED");
        assertThat(request(id).get("decisions").size()).isEqualTo(1);
    }

    @Test
    void aUserNamedByForgedMailGetsOneAnswerAndOneAuditRowAMinuteInTheServicesOwnWords() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        MimeMessage asked = mailAbout(lisa, id);

        file(
                reply(asked, carol, "Approve")
                        .subject("ACTION REQUIRED: re-verify at http://evil.example/login #" + id)
                        .bytes(),
                reply(asked, carol, "Approve")
                        .subject("Second try at http://evil.example/login #" + id)
                        .bytes());

        // both are read before the folder is empty; nothing vouched for carol, so the second is held back
        MailAwait.patiently().until(() -> waiting() == 0 && !refusals(id).isEmpty());
        assertThat(refusals(id))
                .containsExactly("from " + email(carol) + ": the reply did not come from the address the notification"
                        + " went to");
        List<String> answers = received(email(carol)).stream()
                .map(ApprovingByMailFixture::subjectOf)
                .filter(subject -> !subject.contains("Access Approval Notification"))
                .toList();
        assertThat(answers).containsExactly("Re: Your reply was not applied (" + id + ")");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void aReplyOfAnApproverDeactivatedSinceSaysTheyMayNoLongerDecideAndTellsThemNothing() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa, carol)));
        MimeMessage asked = mailAbout(lisa, id);
        api.asAdmin()
                .put(
                        "/api/v1/users/" + lisa.name(),
                        Api.json(Map.of("email", email(lisa), "role", "USER", "active", false)))
                .expect(200);

        file(reply(asked, lisa, "Approve").bytes());

        // an answer leaves before the message is deleted: once it is gone, none was sent
        MailAwait.patiently().until(() -> waiting() == 0 && !refusals(id).isEmpty());
        assertThat(refusals(id)).containsExactly("from " + email(lisa) + ": you may no longer decide this request");
        assertThat(received(email(lisa)).stream().map(ApprovingByMailFixture::subjectOf))
                .noneMatch(subject -> subject.contains("not applied"));
        assertThat(status(id)).isEqualTo("PENDING");
        assertThat(request(id).get("decisions")).isEmpty();
    }
}
