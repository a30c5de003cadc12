package io.countersign.mail.internal.inbound;

/**
 * Translates the folder path an administrator writes ({@code Inbox/PAM Workflow Approvals}) into
 * the server's own hierarchy, whose separator may be {@code /}, {@code .} or anything else.
 */
final class FolderPath {

    private FolderPath() {}

    static String onServer(String path, char separator) {
        String[] names = path.trim().split("\\s*/\\s*");
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            if (name.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append(separator);
            }
            // INBOX is the one name IMAP treats case-insensitively; servers answer it upper-cased
            out.append(out.length() == 0 && name.equalsIgnoreCase("inbox") ? "INBOX" : name);
        }
        return out.length() == 0 ? "INBOX" : out.toString();
    }
}
