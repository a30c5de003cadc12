package io.countersign.mail.internal.inbound;

import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.shared.ShortIds;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * What the tests of the reply watcher share: a real IMAPS mailbox, the settings that point the
 * application's watcher at it, and a decider that records what it was asked to decide.
 */
@CountersignTest
@ExtendWith(OutputCaptureExtension.class)
@Import({MailTestConfiguration.class, StandInWatcher.class})
@TestPropertySource(
        properties = {
            "countersign.mail.poll-interval=1s",
            "countersign.mail.idle-refresh=1s",
            "countersign.mail.max-backoff=1s",
            "countersign.mail.lease-duration=10s",
            // how soon a change made on another instance is seen; this instance's own are seen at once
            "countersign.mail.settings-check=1s"
        })
abstract class MailboxWatcherFixture {

    static final Duration PATIENCE = MailAwait.PATIENCE;
    static final String LISA = "lisa@example.com";
    static final String CAROL = "carol@example.com";

    static TestMailbox mailbox;

    @Autowired
    TestMailSettings settings;

    @Autowired
    TokenTableDecider decider;

    @Autowired
    RecordedRefusals refusals;

    @Autowired
    StandInWatcher standIn;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @BeforeAll
    static void startMailbox() {
        mailbox = TestMailbox.start();
    }

    @AfterAll
    static void stopMailbox() {
        mailbox.close();
    }

    @BeforeEach
    void readTheMailbox() {
        // past the audit allowance of the refusals of earlier tests
        clock.advance(RefusalAuditLimiter.WINDOW);
        decider.clear();
        refusals.clear();
        mailbox.clear();
        settings.reading(mailbox.endpoint(), "lgtm");
    }

    @AfterEach
    void stopReading() {
        settings.off();
    }

    List<String> refusalNotes(String requestId) {
        return jdbc.sql("select note from audit_events where action = 'mail.reply_refused' and target = ? order by id")
                .param("request:" + requestId)
                .query(String.class)
                .list();
    }

    long lastAuditId() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_events")
                .query(Long.class)
                .single();
    }

    List<String> refusalNotesSince(long auditId) {
        return jdbc.sql("select note from audit_events where action = 'mail.reply_refused' and id > ? order by id")
                .param(auditId)
                .query(String.class)
                .list();
    }

    String issue(String requestId, String approver) {
        String token = token();
        decider.issue(token, requestId, approver);
        return token;
    }

    static String request() {
        return ShortIds.next("req");
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    static String token() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            token.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return token.toString();
    }
}
