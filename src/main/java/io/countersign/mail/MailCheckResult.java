package io.countersign.mail;

/** The outcome of testing the settings: each server's part on its own, with the server's own error. */
public record MailCheckResult(Part smtp, Part imap) {

    /** @param error null when {@code ok} */
    public record Part(boolean ok, String error) {

        static Part passed() {
            return new Part(true, null);
        }

        static Part failed(String error) {
            return new Part(false, error);
        }
    }
}
