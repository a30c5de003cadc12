package io.countersign.web.pages.admin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The administration start page, linking to each section. */
@Controller
class AdminIndexPage {

    @GetMapping("/admin")
    String show() {
        return "pages/admin/index";
    }
}
