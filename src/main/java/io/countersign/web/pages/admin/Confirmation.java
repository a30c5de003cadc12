package io.countersign.web.pages.admin;

import java.util.Map;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The step before a change that cannot be undone (deleting, deactivating, revoking), as deleting a
 * policy has it: a page that asks, says what will follow, and posts only when its button is pressed;
 * "Keep it" goes back. Opening it changes nothing.
 */
record Confirmation(String question, String consequence, String action, String button, String back) {

    /**
     * The page asking {@code question}; {@code action} and {@code back} are path templates whose
     * {@code {}} variables take {@code names}, encoded.
     */
    static ModelAndView page(
            String question, String consequence, String action, String button, String back, Object... names) {
        Confirmation confirmation =
                new Confirmation(question, consequence, path(action, names), button, path(back, names));
        return new ModelAndView("pages/admin/confirm", Map.of("confirm", confirmation));
    }

    private static String path(String template, Object... names) {
        return UriComponentsBuilder.fromPath(template)
                .encode()
                .buildAndExpand(names)
                .toUriString();
    }
}
