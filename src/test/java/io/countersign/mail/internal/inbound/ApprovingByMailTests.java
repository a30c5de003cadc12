package io.countersign.mail.internal.inbound;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import io.countersign.mail.MailServers;
import io.countersign.mail.MailSettingsInput;
import io.countersign.mail.MailSettingsService;
import io.countersign.mail.MailTest;
import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.notify.RecordingSender;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;
import tools.jackson.databind.JsonNode;

/**
 * Approving by mail end to end: requests made through the API, notifications queued by the seam and
 * sent by its real dispatcher through a real SMTP server, replies filed into a nested folder of a real
 * IMAPS server on a port of its own (as a Sieve rule would file them), read by the watcher and
 * decided through the action tokens.
 */
@MailTest
@Import({NotificationScene.class, RecordingSender.class, WatcherCrash.class})
@TestPropertySource(
        properties = {
            "countersign.mail.poll-interval=1s",
            "countersign.mail.idle-refresh=1s",
            "countersign.mail.max-backoff=1s",
            "countersign.mail.lease-duration=10s"
        })
class ApprovingByMailTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, null);
    private static final String FOLDER = "INBOX/" + MailServers.NESTED_FOLDER;
    private static final Pattern REPLY_TOKEN = Pattern.compile("\\+([a-z2-7]{32})@");
    private static final Session PARSING = Session.getInstance(new Properties());

    @RegisterExtension
    static GreenMailExtension mail = MailServers.extension().withPerMethodLifecycle(false);

    @Autowired
    NotificationScene scene;

    @Autowired
    MailSettingsService settings;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WatcherCrash crash;

    @Autowired
    MockMvc mvc;

    Person dev;
    Person lisa;
    Person carol;

    @BeforeAll
    static void createTheReplyFolder() {
        MailServers.createNestedFolder(mail);
    }

    @BeforeEach
    void mailIsConfiguredAndEverybodyIsToldByMail() {
        configure(MailServers.plainSmtp(mail));
        scene.startFresh();
        scene.defaultsTo(List.of("EMAIL"));
        dev = scene.person("dev");
        lisa = scene.person("lisa");
        carol = scene.person("carol");
    }

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
        await().atMost(PATIENCE).until(() -> waiting() == 0);
        assertThat(mailTo(dev, "Access Request Approved").getSubject()).endsWith("#" + id);
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
        await().atMost(PATIENCE).until(() -> !refusals(id).isEmpty());
        assertThat(status(id)).isEqualTo("APPROVED");
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
    void aReplyFromAnotherAddressIsRefusedAuditedAndAnswered() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        String elsewhere = Api.unique("lisa.private") + "@example.net";

        file(reply(mailAbout(lisa, id), lisa, "Approve").from(elsewhere).bytes());

        MimeMessage answer = mailTo(elsewhere, "Re: ");
        assertThat(text(answer))
                .contains("The reply did not come from the address the notification went to.")
                .doesNotContainPattern("[a-z2-7]{32}");
        assertThat(answer.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(refusals(id))
                .containsExactly("from " + elsewhere + ": the reply did not come from the address the notification"
                        + " went to");
        assertThat(status(id)).isEqualTo("PENDING");
        assertThat(waiting()).isZero();
    }

    @Test
    void aForgedSenderWithAStolenSubjectIsRefused() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        MimeMessage asked = mailAbout(lisa, id);
        String guessed = "abcdefghijklmnopqrstuvwxyz234567";

        file(
                reply(asked, lisa, "Approve")
                        .to("countersign@example.com")
                        .body("text/plain; charset=utf-8", StandardCharsets.UTF_8, "Approve\n")
                        .bytes(),
                reply(asked, lisa, "Approve")
                        .to("countersign+" + guessed + "@example.com")
                        .body("text/plain; charset=utf-8", StandardCharsets.UTF_8, "Approve\n")
                        .bytes());

        await().atMost(PATIENCE).until(() -> refusals(id).size() == 2 && waiting() == 0);
        assertThat(refusals(id))
                .containsExactlyInAnyOrder(
                        "from " + email(lisa) + ": the reply carries no reply code",
                        "from " + email(lisa) + ": the reply code is unknown");
        assertThat(status(id)).isEqualTo("PENDING");
    }

    @Test
    void anAddressTwoActiveUsersShareDecidesNothing() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa)));
        MimeMessage asked = mailAbout(lisa, id);
        api.asAdmin()
                .post("/api/v1/users", Api.json(Map.of("username", Api.unique("lisa-twin"), "email", email(lisa))))
                .expect(201);

        file(reply(asked, lisa, "Approve").bytes());

        await().atMost(PATIENCE).until(() -> !refusals(id).isEmpty());
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

        await().atMost(PATIENCE).until(() -> !refusals(id).isEmpty());
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
        await().atMost(PATIENCE).until(() -> request(id).get("decisions").size() == 1 && waiting() == 0);

        file(first.bytes(), reply(mailAbout(lisa, id), lisa, "Approve").bytes());

        await().atMost(PATIENCE).until(() -> waiting() == 0 && !refusals(id).isEmpty());
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

        MimeMessage answer = mailTo(lisa, "Re: ");
        assertThat(text(answer)).contains("The request is no longer pending.");
        assertThat(refusals(id)).containsExactly("from " + email(lisa) + ": the request is no longer pending");
        assertThat(status(id)).isEqualTo("APPROVED");
        assertThat(request(id).get("decisions").size()).isEqualTo(1);
    }

    @Test
    void aCrashBetweenDecidingAndDeletingDecidesOnce() throws Exception {
        String id = scene.pending(dev, List.of(step(2, lisa, carol)));
        ReplyMail answer = reply(mailAbout(lisa, id), lisa, "Approve");
        file(answer.bytes());
        crash.crashAfterApplyingOne(PATIENCE);
        assertThat(request(id).get("decisions").size()).isEqualTo(1);
        assertThat(waiting()).isEqualTo(1);

        crash.restart();

        await().atMost(PATIENCE).until(() -> waiting() == 0);
        assertThat(request(id).get("decisions").size()).isEqualTo(1);
        assertThat(refusals(id)).isEmpty();
    }

    @Test
    void theMailServerDownForAWhileDelaysTheMailAndLosesNothing() throws Exception {
        configure(unreachableSmtp());
        String id = scene.pending(dev, List.of(step(1, lisa)));

        await().atMost(PATIENCE).until(() -> stepOpenedTo(lisa).hasNonNull("lastError"));
        JsonNode failing = stepOpenedTo(lisa);
        assertThat(failing.get("state").asString()).isEqualTo("PENDING");
        assertThat(failing.get("lastError").asString()).isNotBlank();
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

        await().atMost(PATIENCE).until(() -> stepOpenedTo(lisa).hasNonNull("lastError"));
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

        await().atMost(PATIENCE)
                .until(() -> stepOpenedTo(lisa).get("state").asString().equals("DEAD"));
        assertThat(stepOpenedTo(lisa).get("lastError").asString()).isEqualTo(lisa.name() + " has no mail address.");
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

    // --- the mail servers

    private void configure(MailSettingsInput.Smtp smtp) {
        settings.update(
                ADMIN,
                new MailSettingsInput(
                        smtp, MailServers.imaps(mail, MailServers.PASSWORD, FOLDER), true, List.of("lgtm"), null));
    }

    private static MailSettingsInput.Smtp unreachableSmtp() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        return new MailSettingsInput.Smtp(
                MailServers.HOST,
                closed,
                io.countersign.mail.MailSecurity.NONE,
                null,
                null,
                "countersign@example.com",
                null);
    }

    private static MailFolder replyFolder() throws Exception {
        var user = mail.getUserManager().getUserByEmail(MailServers.MAILBOX);
        return mail.getManagers().getImapHostManager().getFolder(user, "INBOX." + MailServers.NESTED_FOLDER);
    }

    /** Files replies into the folder the reader watches, as the mail server's rule would. */
    private static void file(byte[]... replies) throws Exception {
        MailFolder folder = replyFolder();
        for (byte[] reply : replies) {
            folder.appendMessage(new MimeMessage(PARSING, new ByteArrayInputStream(reply)), new Flags(), new Date());
        }
    }

    private static int waiting() throws Exception {
        return replyFolder().getMessageCount();
    }

    private static List<MimeMessage> received(String address) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> sentTo(m, address))
                .toList();
    }

    private static boolean sentTo(MimeMessage message, String address) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null
                    && Arrays.stream(to)
                            .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage mailTo(Person person, String subjectPart) {
        return mailTo(email(person), subjectPart);
    }

    private static MimeMessage mailTo(String address, String subjectPart) {
        return await().atMost(PATIENCE)
                .until(
                        () -> received(address).stream()
                                .filter(m -> subjectOf(m).contains(subjectPart))
                                .reduce((first, second) -> second),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** The latest mail asking this person to decide this request. */
    private static MimeMessage mailAbout(Person person, String requestId) {
        return mailTo(person, "Access Approval Notification - #" + requestId);
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage message) throws Exception {
        Multipart alternatives = (Multipart) message.getContent();
        for (int i = 0; i < alternatives.getCount(); i++) {
            if (alternatives.getBodyPart(i).isMimeType("text/plain")) {
                return (String) alternatives.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no text part");
    }

    private static String tokenOf(MimeMessage asked) throws Exception {
        Matcher matcher = REPLY_TOKEN.matcher(asked.getReplyTo()[0].toString());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    private static String quoted(MimeMessage asked) throws Exception {
        return "On Mon, 30 Nov 2026 at 07:00, Countersign wrote:\n> "
                + text(asked).replace("\r\n", "\n").replace("\n", "\n> ");
    }

    /** The approver's reply as a mail program writes it: to the Reply-To, in the thread, original quoted. */
    private static ReplyMail reply(MimeMessage asked, Person from, String firstLine) throws Exception {
        String token = tokenOf(asked);
        ReplyMail reply = ReplyMail.answering("", token, "")
                .from(email(from))
                .to(asked.getReplyTo()[0].toString())
                .subject("Re: " + asked.getSubject())
                .inReplyTo(asked.getMessageID());
        if (firstLine != null) {
            reply.body("text/plain; charset=utf-8", StandardCharsets.UTF_8, firstLine + "\n\n" + quoted(asked));
        }
        return reply;
    }

    private static String email(Person person) {
        return person.name() + "@example.com";
    }

    // --- what became of the requests

    private JsonNode request(String id) {
        return api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
    }

    private String status(String id) {
        return request(id).get("status").asString();
    }

    private void awaitStatus(String id, String status) {
        await().atMost(PATIENCE).until(() -> status(id).equals(status));
    }

    private String comment(String id) {
        return request(id).get("decisions").get(0).get("comment").asString();
    }

    private String auditNote(String requestId, String action) {
        return jdbc.sql("select note from audit_events where request_id = ? and action = ?")
                .params(requestId, action)
                .query(String.class)
                .single();
    }

    private List<String> refusals(String requestId) {
        return jdbc.sql("select note from audit_events where action = 'mail.reply_refused' and target = ? order by id")
                .param("request:" + requestId)
                .query(String.class)
                .list();
    }

    private JsonNode stepOpenedTo(Person person) {
        return scene.deliveriesTo(person).stream()
                .filter(d -> d.get("type").asString().equals("STEP_OPENED"))
                .filter(d -> d.get("channel").asString().equals("EMAIL"))
                .findFirst()
                .orElseThrow();
    }
}
