package io.countersign.web.pages.policies;

import java.util.Collections;

/**
 * The editor's step buttons: {@code add-step}, {@code remove-N}, {@code up-N} and {@code down-N}
 * change the draft's approval sequence and nothing else; the page is drawn again with it.
 */
final class StepMoves {

    /** The policy's own limit; the editor offers no more. */
    static final int MAX_STEPS = 20;

    private StepMoves() {}

    /** @return whether {@code action} was a step button (done when it made sense) */
    static boolean apply(PolicyForm form, String action) {
        if ("add-step".equals(action)) {
            if (form.steps.size() < MAX_STEPS) {
                form.steps.add(new StepForm());
            }
            return true;
        }
        int dash = action.lastIndexOf('-');
        if (dash < 0) {
            return false;
        }
        String verb = action.substring(0, dash);
        int index;
        try {
            index = Integer.parseInt(action.substring(dash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (!verb.equals("remove") && !verb.equals("up") && !verb.equals("down")) {
            return false;
        }
        if (index < 0 || index >= form.steps.size()) {
            return true;
        }
        switch (verb) {
            case "remove" -> form.steps.remove(index);
            case "up" -> swap(form, index, index - 1);
            default -> swap(form, index, index + 1);
        }
        return true;
    }

    private static void swap(PolicyForm form, int a, int b) {
        if (b >= 0 && b < form.steps.size()) {
            Collections.swap(form.steps, a, b);
        }
    }
}
