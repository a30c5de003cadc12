package io.countersign.web.pages.admin;

import io.countersign.directory.Group;
import io.countersign.directory.Groups;
import io.countersign.shared.Actor;
import io.countersign.web.pages.Confirmation;
import io.countersign.web.pages.OpenedVersions;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Groups (teams) with their members and managers, through the same service as the API. */
@Controller
class GroupAdminPages {

    private static final String FORM = "pages/admin/group";

    private final Groups groups;
    private final OpenedVersions versions;

    GroupAdminPages(Groups groups, OpenedVersions versions) {
        this.groups = groups;
        this.versions = versions;
    }

    @GetMapping("/admin/groups")
    String list(Model model) {
        model.addAttribute("groups", groups.list());
        return "pages/admin/groups";
    }

    @GetMapping("/admin/groups/new")
    ModelAndView createForm() {
        return new ModelAndView(FORM, Map.of("form", GroupForm.blank(), "editing", false));
    }

    @PostMapping("/admin/groups")
    ModelAndView create(Actor actor, GroupForm form, RedirectAttributes redirect) {
        return AdminForms.save(redirect, FORM, Map.of("form", form, "editing", false), () -> {
            Group group = groups.create(actor, form.toInput());
            return new AdminForms.Done("/admin/groups/" + group.name(), "Group " + group.name() + " is created.");
        });
    }

    @GetMapping("/admin/groups/{name}")
    ModelAndView editForm(@PathVariable String name) {
        String version = OpenedVersions.of(groups::revision, name);
        return new ModelAndView(
                FORM, Map.of("form", GroupForm.of(groups.get(name)), "editing", true, "version", version));
    }

    @PostMapping("/admin/groups/{name}")
    ModelAndView edit(
            Actor actor,
            @PathVariable String name,
            GroupForm form,
            @RequestParam(required = false) String version,
            RedirectAttributes redirect) {
        String fixed = AdminForms.storedName(() -> groups.get(name).name(), name);
        GroupForm shown = form.named(fixed);
        Map<String, Object> model =
                new HashMap<>(Map.of("form", shown, "editing", true, "current", "/admin/groups/" + fixed));
        model.put("version", version);
        return AdminForms.save(redirect, FORM, model, () -> {
            versions.write(
                    groups::revision,
                    fixed,
                    version,
                    "group " + fixed,
                    () -> groups.replace(actor, fixed, shown.toInput()));
            return new AdminForms.Done("/admin/groups/" + fixed, "Group " + fixed + " is saved.");
        });
    }

    @GetMapping("/admin/groups/{name}/delete")
    ModelAndView confirmDelete(@PathVariable String name) {
        String fixed = groups.get(name).name();
        return Confirmation.page(
                "Delete group " + fixed + "?",
                "Its members and managers lose what they were given through it, and it cannot be restored; a group"
                        + " still linked to a resource or named by a policy cannot be deleted.",
                "/admin/groups/{name}/delete",
                "Delete the group",
                "/admin/groups",
                fixed);
    }

    @PostMapping("/admin/groups/{name}/delete")
    String delete(Actor actor, @PathVariable String name, RedirectAttributes redirect) {
        return AdminForms.act(
                redirect, "/admin/groups", "Group " + name + " is deleted.", () -> groups.delete(actor, name));
    }
}
