package io.countersign.mail;

/**
 * The short answer to a reply that could not be taken as a decision.
 *
 * @param originalMessageId the refused reply's Message-ID, or null when it had none
 * @param originalReferences the refused reply's References header, or null
 * @param reason one sentence saying why, such as "This request was already decided."
 */
public record RefusalNotice(
        String to, String originalSubject, String originalMessageId, String originalReferences, String reason) {}
