package io.countersign.web.pages.admin;

import io.countersign.shared.CountersignException;
import io.countersign.shared.NotFoundException;
import io.countersign.web.pages.StaleForm;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Post, then redirect: a change that succeeds sends the browser on with a message; one that is
 * refused changed nothing and shows the same form again with what was typed and why. Something that
 * does not exist stays a 404 page, except what an edit form was opened for and someone deleted
 * meanwhile: its form comes back with what was typed, as one opened before another change does.
 */
final class AdminForms {

    /** Where to go after a change, and what to say there. */
    record Done(String next, String message) {}

    private AdminForms() {}

    /** A form page: {@code model} holds the typed values and the choices the form offers. */
    static ModelAndView save(RedirectAttributes redirect, String view, Map<String, ?> model, Supplier<Done> change) {
        try {
            Done done = change.get();
            redirect.addFlashAttribute("message", done.message());
            return new ModelAndView("redirect:" + done.next());
        } catch (NotFoundException e) {
            throw e;
        } catch (CountersignException e) {
            // every refused form answers 400, whatever the service called the refusal, except one opened
            // before someone else's change: that is a conflict, which sending it again will not mend
            HttpStatus status = e instanceof StaleForm ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
            ModelAndView again = new ModelAndView(view, model, status);
            again.addObject("errors", FormErrors.of(e));
            if (!(e instanceof StaleForm stale) || stale.deleted()) {
                // the way to the current version is offered only when the form is older than it
                again.getModel().remove("current");
            }
            return again;
        }
    }

    /**
     * The stored name of what an edit form is for, or the name its address gives once it is deleted:
     * the save then finds no version to compare and says it was deleted, with the form kept.
     */
    static String storedName(Supplier<String> stored, String addressed) {
        try {
            return stored.get();
        } catch (NotFoundException e) {
            return addressed;
        }
    }

    /** A button on a list (delete, revoke, redeliver): the list again with what was done or why not. */
    static String act(RedirectAttributes redirect, String next, String done, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("message", done);
        } catch (NotFoundException e) {
            throw e;
        } catch (CountersignException e) {
            redirect.addFlashAttribute("error", "Nothing was changed: " + e.getMessage());
        }
        return "redirect:" + next;
    }
}
