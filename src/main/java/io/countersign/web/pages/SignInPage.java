package io.countersign.web.pages;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in form; Spring Security handles its POST, the failures and sign-out. */
@Controller
class SignInPage {

    @GetMapping("/login")
    String show() {
        return "pages/login";
    }
}
