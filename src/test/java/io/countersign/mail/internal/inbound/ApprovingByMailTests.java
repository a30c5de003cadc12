package io.countersign.mail.internal.inbound;

import static io.countersign.notify.NotificationScene.step;
import static io.countersign.notify.NotificationScene.stepDecidedOnlyThrough;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.countersign.mail.MailServers;
import io.countersign.mail.MailTest;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.shared.TimesForPeople;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import tools.jackson.databind.JsonNode;

/**
 * Approving by mail end to end: the approver is mailed when a step opens and decides by replying or
 * through the link in the mail, whatever the mail program makes of the reply.
 */
class ApprovingByMailTests extends ApprovingByMailFixture {

    @Autowired
    ReplyProcessor processor;

    @Test
    void theApproverIsMailedWhenAStepOpensAndApprovesByReplying() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa, carol)));

        MimeMessage asked = mailTo(lisa, "Access Approval Notification");
        assertThat(asked.getSubject()).isEqualTo(MailTest.INSTANCE_NAME + " - Access Approval Notification - #" + id);
        assertThat(text(asked))
                .contains(dev.name() + " asks for access to the account admin on db-")
                .contains("Others who may approve: " + carol.name())
                .contains("https://countersign.example.com/requests/" + id)
                .contains("Reply code: " + tokenOf(asked));
        assertThat(((InternetAddress) asked.getReplyTo()[0]).getAddress())
                .isEqualTo("countersign+" + tokenOf(asked) + "@example.com");

        file(reply(asked, lisa, "Approve, fine for the migration").bytes());

        awaitStatus(id, "APPROVED");
        JsonNode decision = request(id).get("decisions").get(0);
        assertThat(decision.get("approver").asString()).isEqualTo(lisa.name());
        assertThat(decision.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(decision.get("comment").asString()).isEqualTo("Approve, fine for the migration");
        assertThat(auditNote(id, "request.approval_recorded")).startsWith("By email: ");
        MailAwait.patiently().until(() -> waiting() == 0);
        assertThat(mailTo(dev, "Access Request Approved").getSubject()).endsWith("#" + id);
    }

    @Test
    void anExtensionIsMailedAsMoreTimeOnTheGrantInForceSayingWhenThatEnds() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        scene.approve(lisa, id);
        String grant = request(id).get("grant").get("id").asString();
        Instant end = scene.grantEnd(dev, grant);

        String extension = scene.extend(dev, grant, "PT30M");

        assertThat(text(mailAbout(lisa, extension)))
                .contains(dev.name() + " asks to extend grant " + grant + ", their access to the account admin on db-")
                .contains(" ending at " + TimesForPeople.at(end) + " (")
                .contains("by 30 minutes more, and you may approve it.")
                .contains("Extends: grant " + grant + ", ending at " + TimesForPeople.at(end) + " (")
                .contains("Duration: 30 minutes more");
    }

    @Test
    void approveByMailSwitchedOffAndOnAgainReadsTheWaitingReply() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        MimeMessage asked = mailTo(lisa, "Access Approval Notification");
        configure(MailServers.plainSmtp(mail), false);
        file(reply(asked, lisa, "Approve").bytes());

        // the watcher, which sees a change of the settings only when a save wakes it, reads at once
        configure(MailServers.plainSmtp(mail), true);

        awaitStatus(id, "APPROVED");
        MailAwait.patiently().until(() -> waiting() == 0);
    }

    @Test
    void noReplyIsAppliedOnceApproveByMailIsSwitchedOffThoughTheReaderHasNotSeenIt() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        byte[] raw = reply(mailTo(lisa, "Access Approval Notification"), lisa, "Approve")
                .bytes();
        InboundSettings asTheReaderSawThem =
                new InboundSettings(true, settings.current().imap(), List.of("lgtm"));
        configure(MailServers.plainSmtp(mail), false);

        Reading reading = processor.read(raw, asTheReaderSawThem);
        assertThatThrownBy(() -> processor.process("switched-off-" + id, reading))
                .isInstanceOf(ApproveByMailOff.class);
        assertThat(status(id)).isEqualTo("PENDING");
        assertThat(refusals(id)).isEmpty();

        // nothing was recorded of it: read again once Approve by Mail is on, it is applied
        configure(MailServers.plainSmtp(mail), true);
        assertThat(processor.process("switched-off-" + id, reading).applied()).isTrue();
        assertThat(status(id)).isEqualTo("APPROVED");
    }

    @Test
    void theLinkInTheMailDecidesOnceAsAWebLinkDecision() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        MimeMessage asked = mailTo(lisa, "Access Approval Notification");
        Matcher link = Pattern.compile("https://countersign\\.example\\.com(/actions/[a-z2-7]{32})")
                .matcher(text(asked));
        assertThat(link.find()).as("a decision link in the mail").isTrue();
        assertThat(link.group(1)).doesNotContain(tokenOf(asked));

        mvc.perform(get(link.group(1))).andExpect(MockMvcResultMatchers.status().isOk());
        assertThat(status(id)).as("opening the link decides nothing").isEqualTo("PENDING");
        mvc.perform(post(link.group(1))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("decision", "approve")
                        .param("comment", "from my phone"))
                .andExpect(MockMvcResultMatchers.status().isOk());
        mvc.perform(post(link.group(1))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("decision", "reject"))
                .andExpect(MockMvcResultMatchers.status().isConflict());

        awaitStatus(id, "APPROVED");
        JsonNode decision = request(id).get("decisions").get(0);
        assertThat(decision.get("approver").asString()).isEqualTo(lisa.name());
        assertThat(decision.get("channel").asString()).isEqualTo("WEB");
        assertThat(auditNote(id, "request.approval_recorded")).startsWith("via web link: ");
        // the reply code of the same mail was used up with the link
        file(reply(asked, lisa, "Reject").bytes());
        MailAwait.patiently().until(() -> !refusals(id).isEmpty());
        assertThat(status(id)).isEqualTo("APPROVED");
    }

    @Test
    void aStepItsPolicyKeepsToOtherChannelsIsMailedWithoutAWayToDecideThatWouldBeRefused() throws Exception {
        String id = scene.pending(dev, List.of(stepDecidedOnlyThrough(lisa, "API")));

        MimeMessage asked = mailTo(lisa, "Access Approval Notification");

        assertThat(text(asked))
                .contains("https://countersign.example.com/requests/" + id)
                .contains("The policy takes decisions on this step only through Countersign's API.")
                .doesNotContain("/actions/", "Reply code", "answer by mail");
        assertThat(((InternetAddress) asked.getReplyTo()[0]).getAddress()).isEqualTo("countersign@example.com");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void aTypedReplyCodeLineIsSkippedAndNoCodeReachesTheCommentTheAuditOrTheRequester() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        MimeMessage asked = mailAbout(lisa, id);
        String token = tokenOf(asked);

        file(reply(asked, lisa, null)
                .to("countersign@example.com")
                .text("Reply code: " + token + "\nReject, ask again with " + token + "\n\n" + quoted(asked))
                .bytes());

        awaitStatus(id, "REJECTED");
        assertThat(comment(id)).isEqualTo("Reject, ask again with [reply code removed]");
        assertThat(auditNote(id, "request.rejected"))
                .contains("Reject, ask again")
                .doesNotContain(token);
        assertThat(text(mailTo(dev, "Access Request Rejected")))
                .contains("Reject, ask again")
                .doesNotContain(token);
    }

    @Test
    void aRequesterThePolicyLetsApproveTheirOwnRequestIsMailedAsAnApproverAndMayReply() throws Exception {
        String id = scene.request(lisa, List.of(step(1, lisa, carol)), Map.of("allowSelfApproval", true))
                .get("id")
                .asString();

        file(reply(mailAbout(lisa, id), lisa, "Approve, my own").bytes());

        awaitStatus(id, "APPROVED");
        assertThat(request(id).get("decisions").get(0).get("approver").asString())
                .isEqualTo(lisa.name());
    }

    @Test
    void rejectCustomKeywordPunctuationAndMixedCaseDecideAsTheFirstWordSays() throws Exception {
        String rejected = scene.pending(dev, List.of(step(1, lisa)));
        String keyword = scene.pending(dev, List.of(step(1, lisa)));
        String shouted = scene.pending(dev, List.of(step(1, lisa)));

        file(
                reply(mailAbout(lisa, rejected), lisa, "No, not during the freeze")
                        .bytes(),
                reply(mailAbout(lisa, keyword), lisa, "LGTM.").bytes(),
                reply(mailAbout(lisa, shouted), lisa, "aPPROVED!!! go ahead").bytes());

        awaitStatus(rejected, "REJECTED");
        awaitStatus(keyword, "APPROVED");
        awaitStatus(shouted, "APPROVED");
        assertThat(comment(rejected)).isEqualTo("No, not during the freeze");
        assertThat(comment(keyword)).isEqualTo("LGTM.");
        assertThat(comment(shouted)).isEqualTo("aPPROVED!!! go ahead");
    }

    @Test
    void htmlOnlyAndIso88591RepliesWithTheOriginalQuotedBelowAreRead() throws Exception {
        String html = scene.pending(dev, List.of(step(1, lisa)));
        String latin = scene.pending(dev, List.of(step(1, lisa)));
        MimeMessage htmlAsked = mailAbout(lisa, html);
        MimeMessage latinAsked = mailAbout(lisa, latin);

        file(
                reply(htmlAsked, lisa, null)
                        .body(
                                "text/html; charset=utf-8",
                                StandardCharsets.UTF_8,
                                "<html><body><div>Ok &amp; thanks</div><script>alert(1)</script>"
                                        + "<blockquote><p>Reject</p>" + text(htmlAsked) + "</blockquote></body></html>")
                        .bytes(),
                reply(latinAsked, lisa, null)
                        .body(
                                "text/plain; charset=iso-8859-1",
                                StandardCharsets.ISO_8859_1,
                                "Approved für Müller\n\n" + quoted(latinAsked))
                        .bytes());

        awaitStatus(html, "APPROVED");
        awaitStatus(latin, "APPROVED");
        assertThat(comment(html)).isEqualTo("Ok & thanks");
        assertThat(comment(latin)).isEqualTo("Approved für Müller");
    }

    @Test
    void aDelegateIsMailedAndApprovesByReplyingOnBehalfOfTheApprover() throws Exception {
        api.delegate(lisa.token(), lisa.name(), carol.name(), scene.now().plus(Duration.ofDays(1)));
        String id = scene.pending(dev, List.of(step(1, lisa)));

        MimeMessage asked = mailAbout(carol, id);
        assertThat(text(asked))
                .contains("Reply code: " + tokenOf(asked))
                .contains("on behalf of " + lisa.name())
                .containsPattern("Others who may approve: " + lisa.name() + "\\R");
        // the approver who delegated learns that the delegate was asked too, and for whom
        assertThat(text(mailAbout(lisa, id)))
                .contains("Others who may approve: " + carol.name() + " for " + lisa.name());
        file(reply(asked, carol, "Approve, covering for lisa").bytes());

        awaitStatus(id, "APPROVED");
        JsonNode decision = request(id).get("decisions").get(0);
        assertThat(decision.get("approver").asString()).isEqualTo(carol.name());
        assertThat(decision.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(auditNote(id, "request.approval_recorded")).startsWith("By email, on behalf of " + lisa.name());
        assertThat(text(mailTo(dev, "Access Request Approved")))
                .containsPattern("was approved by [^\n]*" + carol.name() + "[^\n]* on behalf of [^\n]*" + lisa.name());
    }

    @Test
    void aDelegateOfTwoApproversDecidesForTheOneTheMailTheyRepliedToNamed() throws Exception {
        Person sam = scene.person("sam");
        Person tom = scene.person("tom");
        api.delegate(sam.token(), sam.name(), tom.name(), scene.now().plus(Duration.ofDays(1)));
        String id = scene.pending(dev, List.of(step(2, carol, sam, lisa)));
        MimeMessage forSam = mailAbout(tom, id);
        assertThat(text(forSam)).contains("on behalf of " + sam.name());

        // carol sorts before sam: the later mail names her, and the earlier one must still mean sam
        api.delegate(carol.token(), carol.name(), tom.name(), scene.now().plus(Duration.ofDays(1)));
        MailAwait.patiently().until(() -> text(mailAbout(tom, id)).contains("on behalf of " + carol.name()));
        file(reply(forSam, tom, "Approve, for sam").bytes());

        MailAwait.patiently().until(() -> request(id).get("decisions").size() == 1);
        assertThat(request(id).get("decisions").get(0).get("onBehalfOf").asString())
                .isEqualTo(sam.name());
        api.as(carol.token()).post("/api/v1/requests/" + id + "/approve", null).expect(200);
        awaitStatus(id, "APPROVED");
    }

    @Test
    void aTwoStepRequestIsApprovedEntirelyByMail() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa), step(1, carol)));

        file(reply(mailAbout(lisa, id), lisa, "Approve").bytes());
        MimeMessage secondStep = mailAbout(carol, id);
        assertThat(text(secondStep)).contains("(step 2 of 2)");
        file(reply(secondStep, carol, "ok").bytes());

        awaitStatus(id, "APPROVED");
        assertThat(request(id)
                        .get("decisions")
                        .valueStream()
                        .map(d -> d.get("channel").asString()))
                .containsExactly("EMAIL", "EMAIL");
        assertThat(mailTo(dev, "Access Request Approved").getSubject()).endsWith("#" + id);
    }
}
