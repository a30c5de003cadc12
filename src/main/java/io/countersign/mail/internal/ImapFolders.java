package io.countersign.mail.internal;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

/**
 * Finds the folder of the settings on the server. The administrator writes levels with "/"
 * whatever the server's hierarchy separator is ("." on some servers); INBOX is the same folder in
 * any letter case, as IMAP says, so its spelling is normalised.
 */
public final class ImapFolders {

    private ImapFolders() {}

    public static Folder find(Store store, String path) throws MessagingException {
        return store.getFolder(path(path, store.getDefaultFolder().getSeparator()));
    }

    static String path(String path, char separator) {
        String trimmed = path.trim().replaceAll("^[/\\s]+|[/\\s]+$", "");
        if (trimmed.isEmpty()) {
            return "INBOX";
        }
        String[] levels = trimmed.split("\\s*/+\\s*");
        if (levels[0].equalsIgnoreCase("INBOX")) {
            levels[0] = "INBOX";
        }
        return String.join(String.valueOf(separator), levels);
    }
}
