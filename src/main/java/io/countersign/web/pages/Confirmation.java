package io.countersign.web.pages;

import java.util.Map;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The step before a change that cannot be undone (deleting, deactivating, revoking), as deleting a
 * policy has it: a page that asks, says what will follow, and posts only when its button is pressed;
 * "Keep it" goes back. Opening it changes nothing. {@code section} is the part of the navigation the
 * page belongs to.
 */
public record Confirmation(
        String section, String question, String consequence, String action, String button, String back) {

    /**
     * An administration page asking {@code question}; {@code action} and {@code back} are path
     * templates whose {@code {}} variables take {@code names}, encoded.
     */
    public static ModelAndView page(
            String question, String consequence, String action, String button, String back, Object... names) {
        return in("admin", question, consequence, action, button, back, names);
    }

    /** As {@link #page}, for a page of the signed-in user's own profile. */
    static ModelAndView onProfile(String question, String consequence, String action, String button, Object... names) {
        return in("profile", question, consequence, action, button, "/profile", names);
    }

    private static ModelAndView in(
            String section,
            String question,
            String consequence,
            String action,
            String button,
            String back,
            Object... names) {
        Confirmation confirmation =
                new Confirmation(section, question, consequence, path(action, names), button, path(back, names));
        return new ModelAndView("pages/confirm", Map.of("confirm", confirmation));
    }

    private static String path(String template, Object... names) {
        return UriComponentsBuilder.fromPath(template)
                .encode()
                .buildAndExpand(names)
                .toUriString();
    }
}
