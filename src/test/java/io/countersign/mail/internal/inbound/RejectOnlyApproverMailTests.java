package io.countersign.mail.internal.inbound;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.result.MockMvcResultMatchers;

/**
 * An approver whose approval would always be refused, as it would leave a later step nobody to
 * approve it, may still reject: the mail, the decision link's page and the answer to a refused reply
 * offer them Reject alone and say why, as the request page does.
 */
class RejectOnlyApproverMailTests extends ApprovingByMailFixture {

    private static final String WHY = "your approval would leave a later step nobody left to approve it";

    @Test
    void theMailOffersOnlyRejectAndSaysWhy() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa, carol), step(1, lisa)));

        String text = text(mailAbout(lisa, id));

        assertThat(text)
                .contains("and you may reject it but not approve it: " + WHY)
                .contains("Reject: https://countersign.example.com/actions/")
                .contains("You can also reject by mail. Reply with Reject on the first line")
                .doesNotContain("you may approve it", "Approve or Reject", "Approve or reject", "These words approve");
        assertThat(text(mailAbout(carol, id))).contains("you may approve it", "Approve or reject");
    }

    @Test
    void theDecisionLinksPageOffersOnlyRejectAlsoAfterAnApprovalItRefused() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa, carol), step(1, lisa)));
        Matcher link = Pattern.compile("https://countersign\\.example\\.com(/actions/[a-z2-7]{32})")
                .matcher(text(mailAbout(lisa, id)));
        assertThat(link.find()).isTrue();

        String shown = mvc.perform(get(link.group(1)))
                .andExpect(MockMvcResultMatchers.status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(shown)
                .contains("value=\"reject\"", "You may still reject it.")
                .doesNotContain("value=\"approve\"");

        String refused = mvc.perform(post(link.group(1))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("decision", "approve"))
                .andExpect(MockMvcResultMatchers.status().isConflict())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(refused)
                .contains("value=\"reject\"", "You may still reject it.")
                .doesNotContain("value=\"approve\"");
        assertThat(status(id)).isEqualTo("PENDING");

        mvc.perform(post(link.group(1))
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("decision", "reject")
                        .param("comment", "not now"))
                .andExpect(MockMvcResultMatchers.status().isOk());
        awaitStatus(id, "REJECTED");
    }

    @Test
    void aReplyThatApprovesIsToldTheApproverMayStillRejectAndHow() throws Exception {
        String id = scene.pending(dev, List.of(step(1, lisa, carol), step(1, lisa)));
        MimeMessage asked = mailAbout(lisa, id);

        file(reply(asked, lisa, "Approve").bytes());

        assertThat(text(mailTo(lisa, "Your reply was not applied (" + id + ")")))
                .contains("Your approval would leave a later step nobody left to approve it")
                .contains("Nothing was changed. You can still reject this step from the link in the original mail"
                        + " or on the request's page, https://countersign.example.com/requests/" + id + ", or by"
                        + " replying to the original mail with Reject on the first line, above the quoted mail, or through"
                        + " Countersign's API.")
                .doesNotContain("Approve or Reject");
        file(reply(asked, lisa, "Reject, not now").bytes());
        awaitStatus(id, "REJECTED");
    }
}
