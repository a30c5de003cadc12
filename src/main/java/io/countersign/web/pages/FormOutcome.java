package io.countersign.web.pages;

import io.countersign.shared.CountersignException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.NotFoundException;
import java.util.stream.Collectors;
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
            redirect.addFlashAttribute("error", refusal(e));
        }
    }

    /** Why a form was refused: every problem, each with the field it is about, rather than a count of them. */
    static String refusal(CountersignException e) {
        if (e instanceof InvalidInputException invalid) {
            return invalid.issues().stream()
                    .map(issue -> issue.field() + ": " + issue.message())
                    .collect(Collectors.joining("; "));
        }
        return e.getMessage();
    }
}
