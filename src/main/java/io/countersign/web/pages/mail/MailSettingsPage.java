package io.countersign.web.pages.mail;

import io.countersign.mail.MailServerCheck;
import io.countersign.mail.MailSettings;
import io.countersign.mail.MailSettingsInput;
import io.countersign.mail.MailSettingsService;
import io.countersign.shared.Actor;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.InvalidInputException;
import io.countersign.web.pages.FieldMessages;
import io.countersign.web.pages.FormWithoutVersion;
import io.countersign.web.pages.OpenedVersions;
import io.countersign.web.pages.StaleForm;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The mail settings page: the SMTP server notifications leave by, the IMAP mailbox replies arrive in,
 * approving by mail, and a test that shows each server's own answer. It saves through the same
 * service as {@code PUT /api/v1/settings/mail}, so the same rules and the same audit apply.
 */
@Controller
class MailSettingsPage {

    private static final String PATH = "/admin/mail";
    private static final String VIEW = "pages/mail/settings";

    private final MailSettingsService settings;
    private final MailServerCheck check;
    private final OpenedVersions versions;

    MailSettingsPage(MailSettingsService settings, MailServerCheck check, OpenedVersions versions) {
        this.settings = settings;
        this.check = check;
        this.versions = versions;
    }

    @InitBinder("mail")
    void fields(WebDataBinder binder) {
        binder.initDirectFieldAccess();
    }

    @GetMapping(PATH)
    String show(Actor actor, Model model) {
        requireAdmin(actor);
        MailSettings current = settings.current();
        return page(model, opened(current), current, List.of());
    }

    @PostMapping(PATH)
    String save(
            Actor actor,
            @ModelAttribute("mail") MailForm form,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        requireAdmin(actor);
        MailSettings stored = settings.current();
        List<FieldIssue> reading = new ArrayList<>();
        MailSettingsInput input = form.read(stored, reading);
        if (!reading.isEmpty()) {
            // what could not be read is left out of the check (a default stands in), so nothing is said twice
            List<FieldIssue> all = new ArrayList<>(reading);
            all.addAll(settings.problemsWith(input));
            return refused(response, model, form, stored, all);
        }
        try {
            versions.write(
                    form.version,
                    opened -> MailForm.version(settings.held()).equals(opened),
                    "the mail settings",
                    () -> settings.update(actor, input));
        } catch (InvalidInputException e) {
            return refused(response, model, form, stored, e.issues());
        } catch (StaleForm e) {
            // what was typed stays; the form keeps its old version until it is opened again
            model.addAttribute("changedMeanwhile", "Nothing was saved: " + e.getMessage());
            response.setStatus(HttpStatus.CONFLICT.value());
            return page(model, form, stored, List.of());
        } catch (FormWithoutVersion e) {
            // said where a stale form's refusal is, as the way out is the same: open the page again
            model.addAttribute("changedMeanwhile", "Nothing was saved: " + e.getMessage());
            return refused(response, model, form, stored, List.of());
        }
        redirect.addFlashAttribute("message", "The mail settings are saved.");
        return "redirect:" + PATH;
    }

    /** Tests the saved settings, as the API's test does; the answer is drawn on the page at once. */
    @PostMapping(PATH + "/test")
    String test(Actor actor, @RequestParam(defaultValue = "") String to, Model model, HttpServletResponse response) {
        requireAdmin(actor);
        MailSettings current = settings.current();
        try {
            model.addAttribute("check", check.run(actor, to));
            model.addAttribute("testedTo", to);
            // without an IMAP server the API's check says its part failed; the page says it was not
            // tried, since only approving by mail needs one
            model.addAttribute("imapConfigured", current.imap() != null);
        } catch (InvalidInputException e) {
            // kept as typed, as every refused form keeps it, so that a slip can be mended rather than retyped
            model.addAttribute("testedTo", to);
            // a test saves nothing in any case: what the reader needs to know is that no mail left
            model.addAttribute("refusedWhat", "No test mail was sent");
            return refused(response, model, opened(current), current, e.issues());
        }
        return page(model, opened(current), current, List.of());
    }

    private static MailForm opened(MailSettings current) {
        MailForm form = MailForm.of(current);
        form.version = MailForm.version(current);
        return form;
    }

    /** The page again with why the form was refused, answered as every refused form is: 400. */
    private static String refused(
            HttpServletResponse response, Model model, MailForm form, MailSettings stored, List<FieldIssue> issues) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return page(model, form, stored, issues);
    }

    private static String page(Model model, MailForm form, MailSettings stored, List<FieldIssue> issues) {
        model.addAttribute("mail", form);
        // approveKeywords[2] is shown beside the keywords field; smtp, a server missing, above the form
        model.addAttribute(
                "errors", FieldMessages.place(issues, field -> field.replaceFirst("\\[\\d+]$", ""), Set.of("smtp")));
        if (!model.containsAttribute("refusedWhat")) {
            model.addAttribute("refusedWhat", "Nothing was saved");
        }
        model.addAttribute(
                "smtpPasswordSet", stored.smtp() != null && stored.smtp().password() != null);
        model.addAttribute(
                "imapPasswordSet", stored.imap() != null && stored.imap().password() != null);
        return VIEW;
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only administrators configure mail.");
        }
    }
}
