package io.countersign.web.pages.admin;

import io.countersign.directory.Levels;
import io.countersign.shared.Actor;
import io.countersign.web.pages.OpenedVersions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The ordered levels, lowest first, one per line; saved whole like the API's PUT. */
@Controller
class LevelAdminPage {

    private static final String VIEW = "pages/admin/levels";

    private final Levels levels;
    private final OpenedVersions versions;

    LevelAdminPage(Levels levels, OpenedVersions versions) {
        this.levels = levels;
        this.versions = versions;
    }

    @GetMapping("/admin/levels")
    ModelAndView show() {
        var stored = levels.list();
        return new ModelAndView(
                VIEW, Map.of("levels", String.join("\n", stored), "version", OpenedVersions.digest(stored)));
    }

    @PostMapping("/admin/levels")
    ModelAndView save(
            Actor actor,
            @RequestParam(defaultValue = "") String levels,
            @RequestParam(required = false) String version,
            RedirectAttributes redirect) {
        var ordered = Arrays.stream(levels.split("\\R"))
                .filter(line -> !line.isBlank())
                .toList();
        Map<String, Object> model = new HashMap<>(Map.of("levels", levels, "current", "/admin/levels"));
        model.put("version", version);
        return AdminForms.save(redirect, VIEW, model, () -> {
            versions.write(
                    version,
                    opened -> OpenedVersions.digest(this.levels.held()).equals(opened),
                    "the list of levels",
                    () -> this.levels.replace(actor, ordered));
            return new AdminForms.Done("/admin/levels", "The levels are saved.");
        });
    }
}
