package io.countersign.web.pages.admin;

import io.countersign.inventory.Resource;
import io.countersign.inventory.ResourceTypes;
import io.countersign.inventory.Resources;
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

/** Resources with their privileged accounts, groups, owners and labels, through the API's service. */
@Controller
class ResourceAdminPages {

    private static final String FORM = "pages/admin/resource";

    private final Resources resources;
    private final OpenedVersions versions;

    ResourceAdminPages(Resources resources, OpenedVersions versions) {
        this.resources = resources;
        this.versions = versions;
    }

    @GetMapping("/admin/resources")
    String list(Model model) {
        model.addAttribute("resources", resources.list());
        return "pages/admin/resources";
    }

    @GetMapping("/admin/resources/new")
    ModelAndView createForm() {
        return new ModelAndView(FORM, form(ResourceForm.blank(), false));
    }

    @PostMapping("/admin/resources")
    ModelAndView create(Actor actor, ResourceForm form, RedirectAttributes redirect) {
        return AdminForms.save(redirect, FORM, form(form, false), () -> {
            Resource resource = resources.create(actor, form.toInput());
            return new AdminForms.Done(
                    "/admin/resources/" + resource.name(), "Resource " + resource.name() + " is created.");
        });
    }

    @GetMapping("/admin/resources/{name}")
    ModelAndView editForm(@PathVariable String name) {
        String version = OpenedVersions.of(resources::revision, name);
        Map<String, Object> model = form(ResourceForm.of(resources.get(name)), true);
        model.put("version", version);
        return new ModelAndView(FORM, model);
    }

    @PostMapping("/admin/resources/{name}")
    ModelAndView edit(
            Actor actor,
            @PathVariable String name,
            ResourceForm form,
            @RequestParam(required = false) String version,
            RedirectAttributes redirect) {
        String fixed = AdminForms.storedName(() -> resources.get(name).name(), name);
        ResourceForm shown = form.named(fixed);
        Map<String, Object> model = form(shown, true);
        model.put("version", version);
        model.put("current", "/admin/resources/" + fixed);
        return AdminForms.save(redirect, FORM, model, () -> {
            versions.write(
                    resources::revision,
                    fixed,
                    version,
                    "resource " + fixed,
                    () -> resources.replace(actor, fixed, shown.toInput()));
            return new AdminForms.Done("/admin/resources/" + fixed, "Resource " + fixed + " is saved.");
        });
    }

    @GetMapping("/admin/resources/{name}/delete")
    ModelAndView confirmDelete(@PathVariable String name) {
        String fixed = resources.get(name).name();
        return Confirmation.page(
                "Delete resource " + fixed + "?",
                "Its grants are revoked at once and its pending requests are cancelled; access to it can no"
                        + " longer be asked for.",
                "/admin/resources/{name}/delete",
                "Delete the resource",
                "/admin/resources",
                fixed);
    }

    @PostMapping("/admin/resources/{name}/delete")
    String delete(Actor actor, @PathVariable String name, RedirectAttributes redirect) {
        return AdminForms.act(
                redirect, "/admin/resources", "Resource " + name + " is deleted.", () -> resources.delete(actor, name));
    }

    private static Map<String, Object> form(ResourceForm form, boolean editing) {
        return new HashMap<>(Map.of("form", form, "editing", editing, "types", ResourceTypes.ALL));
    }
}
