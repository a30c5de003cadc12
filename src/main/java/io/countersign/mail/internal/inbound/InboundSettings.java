package io.countersign.mail.internal.inbound;

import io.countersign.mail.MailSettings;
import java.util.List;

/**
 * What an administrator set for reading replies, as it is now.
 *
 * @param approveByMail whether replies are read at all
 * @param approveKeywords words that approve in addition to the built-in ones
 */
public record InboundSettings(boolean approveByMail, MailSettings.Imap endpoint, List<String> approveKeywords) {

    public InboundSettings {
        approveKeywords = approveKeywords == null ? List.of() : List.copyOf(approveKeywords);
    }

    public static InboundSettings off() {
        return new InboundSettings(false, null, List.of());
    }

    boolean reading() {
        return approveByMail && endpoint != null;
    }
}
