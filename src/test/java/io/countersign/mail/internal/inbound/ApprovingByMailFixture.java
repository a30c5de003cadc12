package io.countersign.mail.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * The scene for approving by mail end to end: requests made through the API, notifications queued by
 * the seam and sent by its real dispatcher through a real SMTP server, replies filed into a nested
 * folder of a real IMAPS server on a port of its own (as a Sieve rule would file them), read by the
 * watcher and decided through the action tokens. Every test starts with mail configured and dev, lisa
 * and carol told by mail; the helpers send replies and read what became of the requests.
 */
@MailTest
@Import({NotificationScene.class, RecordingSender.class, StandInWatcher.class})
@TestPropertySource(
        properties = {
            "countersign.mail.poll-interval=1s",
            "countersign.mail.idle-refresh=1s",
            "countersign.mail.max-backoff=1s",
            "countersign.mail.lease-duration=10s",
            // settings are seen only when a save wakes the watcher: a lost wake-up fails every test
            "countersign.mail.settings-check=10m",
            // the test server now and then leaves an IDLE unanswered; the watcher gives a silent
            // connection up after this long and reconnects, well within the tests' patience
            "countersign.mail.timeout=10s"
        })
abstract class ApprovingByMailFixture {

    static final Duration PATIENCE = MailAwait.PATIENCE;
    static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, null);
    static final String FOLDER = "INBOX/" + MailServers.NESTED_FOLDER;
    static final Pattern REPLY_TOKEN = Pattern.compile("\\+([a-z2-7]{32})@");
    static final Session PARSING = Session.getInstance(new Properties());

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
    StandInWatcher crash;

    @Autowired
    MockMvc mvc;

    @Autowired
    MutableClock clock;

    Person dev;
    Person lisa;
    Person carol;

    @BeforeAll
    static void createTheReplyFolder() {
        MailServers.createNestedFolder(mail);
    }

    @BeforeEach
    void mailIsConfiguredAndEverybodyIsToldByMail() {
        // past the audit allowance of the refusals of earlier tests, which this context shares
        clock.advance(RefusalAuditLimiter.WINDOW);
        configure(MailServers.plainSmtp(mail));
        // earlier tests' last notifications go out now: one of them meeting a test's unreachable
        // server would pause the channel before that test's own mail is tried
        scene.awaitNothingDue();
        scene.startFresh();
        scene.defaultsTo(List.of("EMAIL"));
        dev = scene.person("dev");
        lisa = scene.person("lisa");
        carol = scene.person("carol");
    }

    // --- the mail servers

    void configure(MailSettingsInput.Smtp smtp) {
        configure(smtp, true);
    }

    void configure(MailSettingsInput.Smtp smtp, boolean approveByMail) {
        settings.update(
                ADMIN,
                new MailSettingsInput(
                        smtp,
                        MailServers.imaps(mail, MailServers.PASSWORD, FOLDER),
                        approveByMail,
                        List.of("lgtm"),
                        null));
    }

    static MailSettingsInput.Smtp unreachableSmtp() throws Exception {
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

    static MailFolder replyFolder() throws Exception {
        return MailServers.nestedFolder(mail);
    }

    /** Files replies into the folder the reader watches, as the mail server's rule would. */
    static void file(byte[]... replies) throws Exception {
        MailFolder folder = replyFolder();
        for (byte[] reply : replies) {
            folder.appendMessage(new MimeMessage(PARSING, new ByteArrayInputStream(reply)), new Flags(), new Date());
        }
    }

    static int waiting() throws Exception {
        return replyFolder().getMessageCount();
    }

    static List<MimeMessage> received(String address) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> sentTo(m, address))
                .toList();
    }

    static boolean sentTo(MimeMessage message, String address) {
        try {
            Address[] to = message.getAllRecipients();
            return to != null
                    && Arrays.stream(to)
                            .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static MimeMessage mailTo(Person person, String subjectPart) {
        return mailTo(email(person), subjectPart);
    }

    static MimeMessage mailTo(String address, String subjectPart) {
        return MailAwait.patiently()
                .until(
                        () -> received(address).stream()
                                .filter(m -> subjectOf(m).contains(subjectPart))
                                .reduce((first, second) -> second),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** The latest mail asking this person to decide this request. */
    static MimeMessage mailAbout(Person person, String requestId) {
        return mailTo(person, "Access Approval Notification - #" + requestId);
    }

    static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(MimeMessage message) throws Exception {
        return part(message, "text/plain");
    }

    static String html(MimeMessage message) throws Exception {
        return part(message, "text/html");
    }

    private static String part(MimeMessage message, String type) throws Exception {
        Multipart alternatives = (Multipart) message.getContent();
        for (int i = 0; i < alternatives.getCount(); i++) {
            if (alternatives.getBodyPart(i).isMimeType(type)) {
                return (String) alternatives.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    static String tokenOf(MimeMessage asked) throws Exception {
        Matcher matcher = REPLY_TOKEN.matcher(asked.getReplyTo()[0].toString());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    static String quoted(MimeMessage asked) throws Exception {
        return "On Mon, 30 Nov 2026 at 07:00, Countersign wrote:\n> "
                + text(asked).replace("\r\n", "\n").replace("\n", "\n> ");
    }

    /** The approver's reply as a mail program writes it: to the Reply-To, in the thread, original quoted. */
    static ReplyMail reply(MimeMessage asked, Person from, String firstLine) throws Exception {
        String token = tokenOf(asked);
        ReplyMail reply = ReplyMail.answering("", token, "")
                .from(email(from))
                .to(asked.getReplyTo()[0].toString())
                .subject("Re: " + asked.getSubject())
                .inReplyTo(asked.getMessageID());
        if (firstLine != null) {
            reply.text(firstLine + "\n\n" + quoted(asked));
        }
        return reply;
    }

    /** A reply to {@code asked} from this person as a mail program writes it, holding no reply code. */
    static ReplyMail replyWithoutCode(MimeMessage asked, Person from) throws Exception {
        return ReplyMail.answering("", "unused", "")
                .from(email(from))
                .to(asked.getReplyTo()[0].toString())
                .subject("Re: " + asked.getSubject())
                .inReplyTo(asked.getMessageID())
                .text("Approve\n\n" + quoted(asked));
    }

    static String email(Person person) {
        return person.name() + "@example.com";
    }

    // --- what became of the requests

    JsonNode request(String id) {
        return api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
    }

    String status(String id) {
        return request(id).get("status").asString();
    }

    void awaitStatus(String id, String status) {
        MailAwait.patiently().until(() -> status(id).equals(status));
    }

    String comment(String id) {
        return request(id).get("decisions").get(0).get("comment").asString();
    }

    /** The note of the one audit event, once sealed: the sealer links it into the chain after the commit. */
    String auditNote(String requestId, String action) {
        MailAwait.patiently().until(() -> !auditNotes(requestId, action).isEmpty());
        List<String> notes = auditNotes(requestId, action);
        assertThat(notes).hasSize(1);
        return notes.get(0);
    }

    private List<String> auditNotes(String requestId, String action) {
        return jdbc.sql("select note from audit_events where request_id = ? and action = ?")
                .params(requestId, action)
                .query(String.class)
                .list();
    }

    List<String> refusals(String requestId) {
        return jdbc.sql("select note from audit_events where action = 'mail.reply_refused' and target = ? order by id")
                .param("request:" + requestId)
                .query(String.class)
                .list();
    }

    JsonNode stepOpenedTo(Person person) {
        return scene.deliveriesTo(person).stream()
                .filter(d -> d.get("type").asString().equals("STEP_OPENED"))
                .filter(d -> d.get("channel").asString().equals("EMAIL"))
                .findFirst()
                .orElseThrow();
    }
}
