package io.countersign.web.pages.policies;

import io.countersign.policy.Policies;
import io.countersign.policy.PolicyDefinition;
import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Names;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.RefusedException;
import io.countersign.web.pages.FormWithoutVersion;
import io.countersign.web.pages.IndexedFields;
import io.countersign.web.pages.OpenedVersions;
import io.countersign.web.pages.StaleForm;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The policy editor for administrators: the list, a new policy, editing one and deleting one. The
 * editor is one form in three parts (configuration, approval sequence, review); its buttons add,
 * remove and move steps, preview the draft or save it, each a plain submit answered with the page.
 */
@Controller
class PolicyPages {

    static final String LIST = "/admin/policies";
    private static final String EDITOR = "pages/policies/edit";

    private final Policies policies;
    private final PolicyDrafts drafts;
    private final OpenedVersions versions;
    private final UnshownSettings unshown;

    PolicyPages(Policies policies, PolicyDrafts drafts, OpenedVersions versions, UnshownSettings unshown) {
        this.policies = policies;
        this.drafts = drafts;
        this.versions = versions;
        this.unshown = unshown;
    }

    /**
     * The draft's fields are public; binding writes them directly, and only them. One step more than
     * the most a policy may have is read, so that the draft is refused for its length, beside its steps.
     */
    @InitBinder("policy")
    void fields(WebDataBinder binder, WebRequest request) {
        IndexedFields.requireBelow(request, StepMoves.MAX_STEPS + 1);
        binder.initDirectFieldAccess();
    }

    @GetMapping(LIST)
    String list(Actor actor, Model model) {
        requireAdmin(actor);
        model.addAttribute("policies", policies.list());
        return "pages/policies/list";
    }

    @GetMapping(LIST + "/new")
    String create(Actor actor, Model model) {
        requireAdmin(actor);
        return editor(model, PolicyForm.blank(), null, List.of());
    }

    @GetMapping(LIST + "/{name}/edit")
    String edit(Actor actor, @PathVariable String name, Model model) {
        requireAdmin(actor);
        // the version is read before the policy: a change in between makes it older than the fields shown,
        // so that saving them is refused rather than overwriting a change nobody saw
        String version = OpenedVersions.of(policies::revision, name);
        PolicyDefinition stored = policies.get(name);
        PolicyForm form = PolicyForm.of(stored);
        form.version = version;
        form.unshown = unshown.write(stored);
        return editor(model, form, stored.name(), List.of());
    }

    @PostMapping(LIST + "/new")
    ModelAndView submitNew(
            Actor actor,
            @ModelAttribute("policy") PolicyForm form,
            @RequestParam(defaultValue = "preview") String action,
            Model model,
            RedirectAttributes redirect) {
        requireAdmin(actor);
        return submit(actor, form, null, action, model, redirect);
    }

    @PostMapping(LIST + "/{name}/edit")
    ModelAndView submitEdit(
            Actor actor,
            @PathVariable String name,
            @ModelAttribute("policy") PolicyForm form,
            @RequestParam(defaultValue = "preview") String action,
            Model model,
            RedirectAttributes redirect) {
        requireAdmin(actor);
        PolicyDefinition stored;
        try {
            stored = policies.get(name);
        } catch (NotFoundException gone) {
            return deletedMeanwhile(model, form, Names.canonical(name), "save".equals(action));
        }
        form.name = stored.name();
        // what saving keeps, so that a draft whose policy is deleted next still holds it
        form.unshown = unshown.write(stored);
        return submit(actor, form, stored, action, model, redirect);
    }

    @GetMapping(LIST + "/{name}/delete")
    String confirmDelete(Actor actor, @PathVariable String name, Model model) {
        requireAdmin(actor);
        model.addAttribute("policy", policies.get(name));
        return "pages/policies/delete";
    }

    @PostMapping(LIST + "/{name}/delete")
    String delete(Actor actor, @PathVariable String name, RedirectAttributes redirect) {
        requireAdmin(actor);
        policies.delete(actor, name);
        redirect.addFlashAttribute("message", "The policy '" + name + "' is deleted.");
        return "redirect:" + LIST;
    }

    private ModelAndView submit(
            Actor actor,
            PolicyForm form,
            PolicyDefinition stored,
            String action,
            Model model,
            RedirectAttributes redirect) {
        String editing = stored == null ? null : stored.name();
        // a preview saves nothing, so its problems must not be reported as a failed save
        boolean saving = "save".equals(action);
        model.addAttribute("saving", saving);
        // a preview or a step button answers with the page as a report; only a save can be refused,
        // and as every other form: 400, or 409 when the form is older than the policy
        HttpStatus refused = saving ? HttpStatus.BAD_REQUEST : HttpStatus.OK;
        if (StepMoves.apply(form, action)) {
            return page(model, form, editing, List.of(), HttpStatus.OK);
        }
        DraftIssues reading = new DraftIssues();
        PolicyDefinition draft = form.read(
                reading,
                stored,
                stored == null ? unshown.read(form.unshown, reading) : UnshownSettings.Settings.of(stored));
        if (!reading.issues.isEmpty()) {
            return page(model, form, editing, drafts.issues(reading, draft), refused);
        }
        try {
            if (saving) {
                PolicyDefinition saved = stored == null
                        ? policies.create(actor, draft)
                        : versions.write(
                                policies::revision,
                                editing,
                                form.version,
                                "the policy '" + editing + "'",
                                () -> policies.replace(actor, editing, draft));
                redirect.addFlashAttribute("message", "The policy '" + saved.name() + "' is saved.");
                return new ModelAndView("redirect:" + LIST);
            }
            model.addAttribute(
                    "explanation",
                    drafts.preview(actor, draft, form.sampleRequester, form.sampleResource, form.sampleAccount));
            model.addAttribute("previewed", true);
            return page(model, form, editing, List.of(), HttpStatus.OK);
        } catch (InvalidInputException e) {
            return page(model, form, editing, e.issues(), refused);
        } catch (StaleForm e) {
            // the draft stays as typed, beside what the policy holds now; the form keeps its old version,
            // so saving again is refused until the editor is opened at the current one
            model.addAttribute("changedMeanwhile", "Nothing was saved: " + e.getMessage());
            model.addAttribute("currentValues", PolicyDifferences.between(PolicyForm.of(policies.get(editing)), form));
            return page(model, form, editing, List.of(), HttpStatus.CONFLICT);
        } catch (FormWithoutVersion e) {
            // said where a stale form's refusal is, as the way out is the same: open the editor again
            model.addAttribute("changedMeanwhile", "Nothing was saved: " + e.getMessage());
            model.addAttribute("currentValues", List.of());
            return page(model, form, editing, List.of(), HttpStatus.BAD_REQUEST);
        } catch (ConflictException e) {
            // a conflict that names its field (a name taken) is shown there, any other above the form
            List<FieldIssue> issues = e.issues().isEmpty()
                    ? List.of(new FieldIssue(FieldErrors.GENERAL, "conflict", e.getMessage()))
                    : e.issues();
            return page(model, form, editing, issues, refused);
        } catch (NotFoundException e) {
            if (editing != null && "policy".equals(e.kind())) {
                return deletedMeanwhile(model, form, editing, saving);
            }
            // a sample naming nobody or nothing: said beside it, and the draft stays on the page
            String field = switch (e.kind()) {
                case "user" -> "sampleRequester";
                case "resource" -> "sampleResource";
                default -> "sampleAccount";
            };
            return page(model, form, editing, List.of(new FieldIssue(field, "not_found", e.getMessage())), refused);
        } catch (RefusedException e) {
            return page(
                    model,
                    form,
                    editing,
                    List.of(new FieldIssue(FieldErrors.GENERAL, e.reason(), e.getMessage())),
                    refused);
        }
    }

    /**
     * The draft of a policy deleted since the editor was opened: kept on the page as a new policy's,
     * under its old name, so that saving it creates the policy anew rather than losing what was typed.
     */
    private ModelAndView deletedMeanwhile(Model model, PolicyForm form, String name, boolean saving) {
        form.name = name;
        form.version = null;
        String kept = unshown.read(form.unshown, new DraftIssues()).named();
        model.addAttribute("saving", saving);
        model.addAttribute(
                "changedMeanwhile",
                "Nothing was saved: the policy '" + name + "' was deleted meanwhile. Your draft is kept below"
                        + (kept.isEmpty() ? "" : " with its " + kept + ", which the editor does not show")
                        + "; save it to create the policy anew.");
        model.addAttribute("currentValues", List.of());
        return page(model, form, null, List.of(), saving ? HttpStatus.CONFLICT : HttpStatus.OK);
    }

    private static ModelAndView page(
            Model model, PolicyForm form, String editing, List<FieldIssue> issues, HttpStatus status) {
        ModelAndView page = new ModelAndView(editor(model, form, editing, issues));
        page.setStatus(status);
        return page;
    }

    private static String editor(Model model, PolicyForm form, String editing, List<FieldIssue> issues) {
        model.addAttribute("policy", form);
        model.addAttribute("editing", editing);
        model.addAttribute("errors", FieldErrors.place(issues));
        model.addAttribute("maxSteps", StepMoves.MAX_STEPS);
        return EDITOR;
    }

    static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only an administrator may edit policies.");
        }
    }
}
