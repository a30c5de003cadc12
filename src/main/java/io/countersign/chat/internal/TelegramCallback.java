package io.countersign.chat.internal;

import java.util.Optional;

/** A button's callback data: {@code a:} or {@code r:} and an action token, 34 bytes of Telegram's 64. */
record TelegramCallback(boolean approve, String token) {

    static final String APPROVE = "a:";
    static final String REJECT = "r:";

    static Optional<TelegramCallback> parse(String data) {
        if (data == null || data.length() != APPROVE.length() + 32) {
            return Optional.empty();
        }
        if (data.startsWith(APPROVE)) {
            return Optional.of(new TelegramCallback(true, data.substring(APPROVE.length())));
        }
        if (data.startsWith(REJECT)) {
            return Optional.of(new TelegramCallback(false, data.substring(REJECT.length())));
        }
        return Optional.empty();
    }
}
