package io.countersign.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImapFoldersTests {

    @Test
    void levelsAreJoinedWithTheServersSeparator() {
        assertThat(ImapFolders.path("Inbox/PAM Workflow Approvals", '.')).isEqualTo("INBOX.PAM Workflow Approvals");
        assertThat(ImapFolders.path("Inbox/PAM Workflow Approvals", '/')).isEqualTo("INBOX/PAM Workflow Approvals");
    }

    @Test
    void onlyTheInboxIsSpelledAnew() {
        assertThat(ImapFolders.path("inbox", '/')).isEqualTo("INBOX");
        assertThat(ImapFolders.path("Approvals/inbox", '.')).isEqualTo("Approvals.inbox");
    }

    @Test
    void surplusSlashesAreIgnored() {
        assertThat(ImapFolders.path(" /Archive//Approvals/ ", '.')).isEqualTo("Archive.Approvals");
        assertThat(ImapFolders.path("Approvals / Countersign", '.')).isEqualTo("Approvals.Countersign");
    }

    @Test
    void noFolderAtAllIsTheInbox() {
        assertThat(ImapFolders.path(" ", '/')).isEqualTo("INBOX");
        assertThat(ImapFolders.path("/", '.')).isEqualTo("INBOX");
    }
}
