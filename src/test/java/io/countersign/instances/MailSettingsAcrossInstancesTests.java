package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.countersign.mail.MailServers;
import io.countersign.mail.MailSettingsInput;
import io.countersign.testing.MutableClock;
import io.countersign.testing.PostgresDatabases;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Mail settings saved on one instance reach the reply watcher of another at once, through the
 * database's notification, although both look at the settings by themselves only every ten minutes.
 */
class MailSettingsAcrossInstancesTests {

    private static final String[] SLOW_TO_LOOK = {
        "--countersign.mail.idle-refresh=10m", "--countersign.mail.settings-check=10m"
    };
    private static final String NESTED = "INBOX/" + MailServers.NESTED_FOLDER;

    @RegisterExtension
    static GreenMailExtension mail = MailServers.extension().withPerMethodLifecycle(false);

    @Test
    void aSaveOnOneInstanceMovesTheWatcherOfTheOtherToTheNewFolder() throws Exception {
        MailServers.createNestedFolder(mail);
        MutableClock clock = new MutableClock();
        String url = PostgresDatabases.createDatabase(
                "cs_" + UUID.randomUUID().toString().replace("-", ""));
        Instance a = Instance.start("a", url, clock, SLOW_TO_LOOK);
        Instance b = null;
        try {
            JdbcClient jdbc = a.bean(JdbcClient.class);
            save(a, "INBOX");
            // a watches the inbox; b, started after, finds the folder taken and waits for the lease
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> jdbc.sql("select count(*) from mail_watch_lease")
                                    .query(Long.class)
                                    .single()
                            == 1);
            b = Instance.start("b", url, clock, SLOW_TO_LOOK);
            fileIntoTheNestedFolder();

            save(b, NESTED);

            // read by a, which still holds the lease, and deleted once refused
            await().atMost(Duration.ofSeconds(30)).until(() -> nestedFolderMessages() == 0);
            assertThat(jdbc.sql("select count(*) from mail_replies")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        } finally {
            Instance.closeAll(a, b);
        }
    }

    private static void save(Instance on, String folder) {
        on.asAdmin(
                        "PUT",
                        "/api/v1/settings/mail",
                        new MailSettingsInput(
                                MailServers.plainSmtp(mail),
                                MailServers.imaps(mail, MailServers.PASSWORD, folder),
                                true,
                                List.of("lgtm"),
                                null))
                .expect(200);
    }

    /** A message that is no reply at all: read, it is refused and recorded, then deleted. */
    private static void fileIntoTheNestedFolder() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("someone@example.com"));
        message.setSubject("Hello");
        message.setText("Nothing to decide here.");
        message.saveChanges();
        MailServers.nestedFolder(mail).appendMessage(message, new Flags(), new Date());
    }

    private static int nestedFolderMessages() throws Exception {
        return MailServers.nestedFolder(mail).getMessageCount();
    }
}
