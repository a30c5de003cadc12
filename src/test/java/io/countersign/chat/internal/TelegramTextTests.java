package io.countersign.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TelegramTextTests {

    private static ChatMessage message(String why, String approvers) {
        return new ChatMessage(
                "dev asks for admin on db (req-1)",
                List.of(
                        new ChatMessage.Fact("Requester", "dev"),
                        new ChatMessage.Fact("Why", why),
                        new ChatMessage.Fact("Who may approve (1 needed)", approvers)),
                "https://countersign.example.com/requests/req-1",
                true,
                null,
                null);
    }

    @Test
    void aMessageThatFitsIsSentWhole() {
        assertThat(TelegramText.of("For lisa\n", message("freeze", "lisa, mark")))
                .isEqualTo("For lisa\ndev asks for admin on db (req-1)\nRequester: dev\nWhy: freeze\n"
                        + "Who may approve (1 needed): lisa, mark\nhttps://countersign.example.com/requests/req-1");
    }

    @Test
    void theLongestFactsAreCutSoThatTheMessageFitsAndKeepsItsLink() {
        String approvers = String.join(", ", java.util.Collections.nCopies(300, "an-approver-with-a-long-name"));
        String text = TelegramText.of("For lisa\n", message("w".repeat(2000), approvers));

        assertThat(text).hasSizeLessThanOrEqualTo(4096).endsWith("\nhttps://countersign.example.com/requests/req-1");
        assertThat(text).contains("\nRequester: dev\n", "\nWhy: www", "…\nWho may approve (1 needed): an-approver");
        assertThat(text.length()).isGreaterThan(4000);
    }

    @Test
    void aShortFactLeavesItsShareToTheLongerOnes() {
        assertThat(TelegramText.share(new int[] {3, 1000, 5000}, 2003)).isEqualTo(1000);
        assertThat(TelegramText.share(new int[] {3, 10}, 100)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aCutNeverEndsInHalfASurrogatePair() {
        assertThat(ChatMessage.cut("ab\uD83D\uDE00cd", 4)).isEqualTo("ab…");
        assertThat(ChatMessage.cut("abc", 3)).isEqualTo("abc");
    }
}
