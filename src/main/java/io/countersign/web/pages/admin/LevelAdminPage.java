package io.countersign.web.pages.admin;

import io.countersign.directory.Levels;
import io.countersign.shared.Actor;
import java.util.Arrays;
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

    LevelAdminPage(Levels levels) {
        this.levels = levels;
    }

    @GetMapping("/admin/levels")
    ModelAndView show() {
        return new ModelAndView(VIEW, Map.of("levels", String.join("\n", levels.list())));
    }

    @PostMapping("/admin/levels")
    ModelAndView save(Actor actor, @RequestParam(defaultValue = "") String levels, RedirectAttributes redirect) {
        var ordered = Arrays.stream(levels.split("\\R"))
                .filter(line -> !line.isBlank())
                .toList();
        return AdminForms.save(redirect, VIEW, Map.of("levels", levels), () -> {
            this.levels.replace(actor, ordered);
            return new AdminForms.Done("/admin/levels", "The levels are saved.");
        });
    }
}
