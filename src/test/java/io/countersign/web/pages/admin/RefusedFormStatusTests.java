package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/** A refused form answers 400 on every page, as the user and resource forms always did. */
@CountersignTest
class RefusedFormStatusTests extends AdminPagesTestBase {

    @Test
    void aNameAlreadyTakenIsRefusedAsABadRequestWithTheFormAsTyped() throws Exception {
        String name = Api.unique("team");
        browsing.post(admin, "/admin/groups", "name", name);

        MockHttpServletResponse again = browsing.post(admin, "/admin/groups", "name", name);

        assertThat(again.getStatus()).isEqualTo(400);
        assertThat(again.getContentAsString()).contains("A group named &#39;" + name + "&#39; already exists.");
    }

    @Test
    void refusedMailSettingsAnswerABadRequestWithTheFieldMarked() throws Exception {
        MockHttpServletResponse refused =
                browsing.post(admin, "/admin/mail", "smtpHost", "smtp.example.com", "smtpPort", "99999x");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("id=\"error-smtp.port\"")
                .contains("aria-invalid=\"true\" aria-describedby=\"error-smtp.port\"");
    }

    @Test
    void thePolicyEditorAnswersARefusedSaveAsABadRequestAndAPreviewOrAStepButtonAsAPage() throws Exception {
        String name = Api.unique("policy");
        String[] draft = {"name", name, "priority", "soon", "steps[0].name", "first"};

        MockHttpServletResponse refused = policyEditor(draft, "save");
        MockHttpServletResponse previewed = policyEditor(draft, "preview");
        MockHttpServletResponse stepAdded = policyEditor(draft, "add-step");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("The policy was not saved");
        assertThat(previewed.getStatus()).isEqualTo(200);
        assertThat(previewed.getContentAsString()).contains("The preview could not be made");
        assertThat(stepAdded.getStatus()).isEqualTo(200);
        assertThat(api.asAdmin().get("/api/v1/policies/" + name).status()).isEqualTo(404);
    }

    private MockHttpServletResponse policyEditor(String[] draft, String action) {
        String[] fields = Arrays.copyOf(draft, draft.length + 2);
        fields[draft.length] = "action";
        fields[draft.length + 1] = action;
        return browsing.post(admin, "/admin/policies/new", fields);
    }
}
