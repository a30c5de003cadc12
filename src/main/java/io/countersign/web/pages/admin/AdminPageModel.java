package io.countersign.web.pages.admin;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The administration forms start with no errors to show. */
@ControllerAdvice(basePackageClasses = AdminPageModel.class)
class AdminPageModel {

    @ModelAttribute("errors")
    FormErrors errors() {
        return FormErrors.NONE;
    }
}
