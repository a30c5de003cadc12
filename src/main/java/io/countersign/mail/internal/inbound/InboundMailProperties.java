package io.countersign.mail.internal.inbound;

import io.countersign.shared.settings.Setting;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How replies are read ({@code countersign.mail.*}); where from is the administrator's setting, and
 * the connection timeouts are those of all mail ({@link io.countersign.mail.internal.MailProperties}).
 *
 * @param pollInterval how often the folder is searched when the server cannot IDLE
 * @param idleRefresh how often an IDLE is interrupted to renew the lease, look at the settings and
 *     select the folder again
 * @param leaseDuration how long the watching instance holds the folder without renewing; another
 *     instance takes over after it
 * @param maxBackoff the longest wait between two attempts to reach an unreachable server
 * @param maxMessageSize how much of a message is read; the reply's first line is at its start
 * @param maxCommentLength how much of the first line becomes the decision's comment
 * @param trustedAuthservId when set, a reply counts only when this server's {@code
 *     Authentication-Results} header says its sender's domain passed DMARC, SPF or DKIM
 * @param decisionThreads how many replies of one fetched batch are decided at once, each in its own
 *     transaction and on its own database connection
 * @param settingsCheck how often an instance that is not watching the folder, or pauses after a
 *     failure, looks at the settings again; a save wakes every instance at once (the others through a
 *     PostgreSQL notification), so this only bounds how late a lost notification is made up for
 */
@ConfigurationProperties("countersign.mail")
public record InboundMailProperties(
        @DefaultValue("30s") Duration pollInterval,
        @DefaultValue("30s") Duration idleRefresh,
        @DefaultValue("2m") Duration leaseDuration,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("1MB") org.springframework.util.unit.DataSize maxMessageSize,
        @DefaultValue("500") int maxCommentLength,
        String trustedAuthservId,
        @DefaultValue("4") int decisionThreads,
        @DefaultValue("5s") Duration settingsCheck) {

    public InboundMailProperties {
        Setting.of("countersign.mail.poll-interval").requirePositive(pollInterval);
        Setting.of("countersign.mail.idle-refresh").requirePositive(idleRefresh);
        Setting.of("countersign.mail.lease-duration").requirePositive(leaseDuration);
        Setting.of("countersign.mail.max-backoff").requirePositive(maxBackoff);
        Setting.of("countersign.mail.max-message-size").requirePositive(maxMessageSize);
        Setting.of("countersign.mail.max-comment-length").requireAtLeast(1, maxCommentLength);
        Setting.of("countersign.mail.decision-threads").requireAtLeast(1, decisionThreads);
        Setting.of("countersign.mail.settings-check").requirePositive(settingsCheck);
    }
}
