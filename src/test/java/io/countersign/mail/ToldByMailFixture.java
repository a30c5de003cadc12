package io.countersign.mail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.notify.RecordingSender;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * What the tests of mail carried through the notification outbox share: a real mail server that
 * everybody is told through, dev, who asks for access or takes break-glass access, rita, sam and tom,
 * resources whose policy tells tom of a break-glass use and names its reviewers, and the mails each
 * person received.
 */
@MailTest
@Import({NotificationScene.class, RecordingSender.class})
abstract class ToldByMailFixture {

    static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, null);

    @RegisterExtension
    static final GreenMailExtension mail = MailServers.extension();

    @Autowired
    NotificationScene scene;

    @Autowired
    MailSettingsService settings;

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    Person dev;
    Person rita;
    Person sam;
    Person tom;

    @BeforeEach
    void everybodyIsToldByMail() {
        settings.update(ADMIN, new MailSettingsInput(MailServers.plainSmtp(mail), null, false, List.of(), null));
        scene.startFresh();
        scene.defaultsTo(List.of("EMAIL"));
        dev = scene.person("dev");
        rita = scene.person("rita");
        sam = scene.person("sam");
        tom = scene.person("tom");
    }

    /** A resource whose policy lets dev take break-glass access, told to tom and reviewed by these. */
    String resourceReviewedBy(Person... reviewers) {
        return scene.resource(
                List.of(NotificationScene.step(1, tom)), NotificationScene.breakGlassTelling(tom, List.of(reviewers)));
    }

    /** dev takes break-glass access to {@code resource}, under {@code ticket} when not null; the use's id. */
    String breakGlassOn(String resource, String ticket) {
        return scene.breakGlass(dev, resource, "down", ticket == null ? Map.of() : Map.of("ticket", ticket))
                .get("id")
                .asString();
    }

    /** The mails to this person whose subject holds {@code topic}. */
    static List<MimeMessage> mailsTo(Person person, String topic) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> sentTo(m, person.name() + "@example.com"))
                .filter(m -> subject(m).contains(topic))
                .toList();
    }

    private static boolean sentTo(MimeMessage message, String address) {
        try {
            return message.getAllRecipients() != null
                    && Arrays.stream(message.getAllRecipients())
                            .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The part of this type, with the CRLF line ends mail travels with read as plain line ends. */
    static String part(MimeMessage message, String type) throws Exception {
        Multipart alternatives = (Multipart) message.getContent();
        for (int i = 0; i < alternatives.getCount(); i++) {
            if (alternatives.getBodyPart(i).isMimeType(type)) {
                return ((String) alternatives.getBodyPart(i).getContent()).replace("\r\n", "\n");
            }
        }
        throw new AssertionError("no " + type + " part");
    }
}
