package io.countersign.web.pages.admin;

import io.countersign.inventory.Resource;
import io.countersign.inventory.ResourceTypes;
import io.countersign.inventory.Resources;
import io.countersign.shared.Actor;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Resources with their privileged accounts, groups, owners and labels, through the API's service. */
@Controller
class ResourceAdminPages {

    private static final String FORM = "pages/admin/resource";

    private final Resources resources;

    ResourceAdminPages(Resources resources) {
        this.resources = resources;
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
        return new ModelAndView(FORM, form(ResourceForm.of(resources.get(name)), true));
    }

    @PostMapping("/admin/resources/{name}")
    ModelAndView edit(Actor actor, @PathVariable String name, ResourceForm form, RedirectAttributes redirect) {
        String fixed = resources.get(name).name();
        ResourceForm shown = form.named(fixed);
        return AdminForms.save(redirect, FORM, form(shown, true), () -> {
            resources.replace(actor, fixed, shown.toInput());
            return new AdminForms.Done("/admin/resources/" + fixed, "Resource " + fixed + " is saved.");
        });
    }

    @PostMapping("/admin/resources/{name}/delete")
    String delete(Actor actor, @PathVariable String name, RedirectAttributes redirect) {
        return AdminForms.act(
                redirect, "/admin/resources", "Resource " + name + " is deleted.", () -> resources.delete(actor, name));
    }

    private static Map<String, Object> form(ResourceForm form, boolean editing) {
        return Map.of("form", form, "editing", editing, "types", ResourceTypes.ALL);
    }
}
