package io.countersign.mail;

/** Someone a mail names: shown as "Dana Dev (dev)". */
public record Person(String username, String displayName) {

    public String label() {
        if (displayName == null || displayName.isBlank() || displayName.equals(username)) {
            return username;
        }
        return displayName + " (" + username + ")";
    }
}
