package io.countersign.web.pages;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the one way to write instants and durations for people, as {@code times}. */
@ControllerAdvice(basePackageClasses = PageTimes.class)
class PageTimes {

    @ModelAttribute("times")
    HumanTimes times() {
        return HumanTimes.INSTANCE;
    }
}
