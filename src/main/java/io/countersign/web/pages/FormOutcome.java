package io.countersign.web.pages;

import io.countersign.shared.CountersignException;
import io.countersign.shared.NotFoundException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs what a form asks and keeps, for the page the browser is sent back to, either what was done or
 * why it was refused. Something the person may not see stays a 404.
 */
final class FormOutcome {

    private FormOutcome() {}

    static void run(RedirectAttributes redirect, String done, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("message", done);
        } catch (NotFoundException e) {
            throw e;
        } catch (CountersignException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
    }
}
