package io.countersign.chat.internal;

import io.countersign.notify.SendResult;

/**
 * How a platform's HTTP answer counts for the outbox: a {@code 429} waits as long as {@code
 * Retry-After} asks, a {@code 5xx} or an unreachable platform is tried again, and any other refusal
 * is final, since sending the same message again cannot change it.
 */
final class PlatformAnswers {

    private PlatformAnswers() {}

    /** Null when the answer is a success. */
    static SendResult failure(String platform, ChatHttp.Answer answer) {
        if (answer.status() == null) {
            return SendResult.failed(platform + ": " + answer.error());
        }
        if (answer.status() == 429) {
            return SendResult.failed(platform + " answered 429 Too Many Requests", answer.retryAfter());
        }
        if (answer.status() >= 500) {
            return SendResult.failed(platform + " answered " + answer.status());
        }
        if (answer.status() >= 300) {
            return SendResult.refused(platform + " answered " + answer.status() + ": " + snippet(answer.body()));
        }
        return null;
    }

    static String snippet(String body) {
        if (body == null) {
            return "";
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
