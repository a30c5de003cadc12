package io.countersign.chat;

import io.countersign.shared.Redacted;

/**
 * A one-time code the user sends to the Telegram bot as {@code /link <code>}: whoever holds it may
 * link a chat identity to the user, so its text never shows the code.
 */
public record ChatLinkCode(String code) {

    @Override
    public String toString() {
        return Redacted.toString(this, "code");
    }
}
