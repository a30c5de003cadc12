package io.countersign.mail.internal;

import io.countersign.shared.Names;
import io.countersign.shared.Timestamps;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The approval mails sent, by Message-ID, with the request, step and approver each asked and the
 * address it went to: what a reply is matched against.
 */
@Repository
public class MailNotifications {

    private final JdbcClient jdbc;

    MailNotifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Recorded before the mail leaves, so that no reply can arrive to a mail we have no record of. */
    void record(
            String messageId,
            String requestId,
            int step,
            String approverId,
            String address,
            boolean replyCode,
            Instant at) {
        jdbc.sql("""
                        insert into mail_notifications
                            (message_id, request_id, step, approver_id, address, reply_code, sent_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        messageId,
                        requestId,
                        step,
                        approverId,
                        Names.asciiLowerCase(address),
                        replyCode,
                        Timestamps.toDb(at))
                .update();
    }

    /**
     * Whether every approval mail about this step that went to {@code address} left without a reply
     * code, as approving by mail was off; false when none went there. A mail sent before the column
     * was added counts as one that showed its code.
     */
    public boolean askedOnlyWithoutCode(String requestId, int step, String address) {
        return jdbc.sql("""
                        select count(*) from mail_notifications
                        where request_id = ? and step = ? and address = ?
                        having count(*) > 0 and max(case when coalesce(reply_code, true) then 1 else 0 end) = 0""")
                .params(requestId, step, Names.asciiLowerCase(address))
                .query(Long.class)
                .optional()
                .isPresent();
    }

    /** The addresses (lower case) that this approver was asked at about this step of the request. */
    public List<String> addressesAsked(String requestId, int step, String approverId) {
        return jdbc.sql("""
                        select distinct address from mail_notifications
                        where request_id = ? and step = ? and approver_id = ?""")
                .params(requestId, step, approverId)
                .query(String.class)
                .list();
    }
}
