package io.countersign.mail.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FolderPathTests {

    @Test
    void aNestedPathUsesTheServersSeparator() {
        assertThat(FolderPath.onServer("Inbox/PAM Workflow Approvals", '.')).isEqualTo("INBOX.PAM Workflow Approvals");
        assertThat(FolderPath.onServer("Inbox/PAM Workflow Approvals", '/')).isEqualTo("INBOX/PAM Workflow Approvals");
        assertThat(FolderPath.onServer("Approvals / Countersign", '.')).isEqualTo("Approvals.Countersign");
    }

    @Test
    void anEmptyPathIsTheInbox() {
        assertThat(FolderPath.onServer(" ", '/')).isEqualTo("INBOX");
        assertThat(FolderPath.onServer("inbox", '/')).isEqualTo("INBOX");
    }
}
