package io.countersign.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Timestamps;
import io.countersign.testing.UpgradedDatabase;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Approval mails sent before Countersign recorded whether each showed a reply code: while approving by
 * mail is off at the upgrade they are taken to have shown none, so that switching it on mails their
 * approvers a code; while it is on, they stay taken to have shown one.
 */
class MailsBeforeReplyCodesUpgradeTests {

    private static final Instant SENT = Instant.parse("2026-11-30T09:00:00Z");

    @Test
    void mailsSentWhileApprovingByMailIsOffAreTakenToHaveShownNoCode() {
        JdbcClient jdbc = upgradedWith(false);

        assertThat(replyCodes(jdbc)).containsExactly(false);
    }

    @Test
    void mailsSentBeforeTheUpgradeWithoutMailSetUpAreTakenToHaveShownNoCode() {
        DataSource dataSource = UpgradedDatabase.fresh("h2");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        UpgradedDatabase.migrate(dataSource, "124");
        mailSent(jdbc);

        UpgradedDatabase.migrate(dataSource, "latest");

        assertThat(replyCodes(jdbc)).containsExactly(false);
    }

    @Test
    void mailsSentWhileApprovingByMailIsOnStayTakenToHaveShownACode() {
        JdbcClient jdbc = upgradedWith(true);

        assertThat(replyCodes(jdbc)).containsExactly((Boolean) null);
    }

    private static JdbcClient upgradedWith(boolean approveByMail) {
        DataSource dataSource = UpgradedDatabase.fresh("h2");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        UpgradedDatabase.migrate(dataSource, "124");
        jdbc.sql("""
                        insert into mail_settings (id, smtp_host, smtp_port, smtp_security, smtp_from, imap_port,
                          imap_security, imap_folder, approve_by_mail, approve_keywords, updated_by, updated_at)
                        values (1, 'smtp.example.com', 587, 'STARTTLS', 'countersign@example.com', 993, 'TLS',
                          'INBOX', ?, '', 'admin', ?)""").params(approveByMail, Timestamps.toDb(SENT)).update();
        mailSent(jdbc);
        UpgradedDatabase.migrate(dataSource, "latest");
        return jdbc;
    }

    private static void mailSent(JdbcClient jdbc) {
        jdbc.sql("""
                        insert into mail_notifications (message_id, request_id, step, approver_id, address, sent_at)
                        values ('<countersign.req-1.0.x@example.com>', 'req-1', 0, 'usr-lisa', 'lisa@example.com', ?)""").param(Timestamps.toDb(SENT)).update();
    }

    private static List<Boolean> replyCodes(JdbcClient jdbc) {
        return jdbc.sql("select reply_code from mail_notifications")
                .query((rs, row) -> (Boolean) rs.getObject(1))
                .list();
    }
}
