package io.countersign.web;

import io.countersign.shared.WholeNumbers;
import org.springframework.beans.propertyeditors.CustomNumberEditor;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Reads a whole number from a query parameter, form field or path as plain decimal digits, with an
 * optional leading minus. Spring's own reading also takes hexadecimal ({@code 0x0}, {@code #0}), a
 * plus sign, digits of other scripts and blanks anywhere ({@code "1 2"} is 12), so a tampered or
 * mistyped value reached the service as some other number instead of being refused: a decision form's
 * step {@code 0x0} decided step 0. Anything else is refused in the words of {@link ExpectedValues}.
 * An editor rather than a converter: Spring falls back to its own reading when a converter refuses.
 * The digits are those of {@link WholeNumbers}, which the lists that read their numbers themselves use too.
 */
@ControllerAdvice
class DecimalNumbers {

    @InitBinder
    void decimalOnly(WebDataBinder binder) {
        if (binder.getTarget() != null) {
            // a form object bound field by field keeps its numbers as text and reads them itself; an editor
            // here would fix the binder's access before a page could ask for direct field access
            return;
        }
        binder.registerCustomEditor(Integer.class, new Editor(Integer.class, true));
        binder.registerCustomEditor(int.class, new Editor(Integer.class, false));
        binder.registerCustomEditor(Long.class, new Editor(Long.class, true));
        binder.registerCustomEditor(long.class, new Editor(Long.class, false));
    }

    private static final class Editor extends CustomNumberEditor {

        Editor(Class<? extends Number> type, boolean allowEmpty) {
            super(type, allowEmpty);
        }

        /** An empty value stays no value, as Spring has it; a blank one is not a number. */
        @Override
        public void setAsText(String text) {
            if (text != null && !text.isEmpty() && !WholeNumbers.isDecimal(text)) {
                throw new IllegalArgumentException("not a decimal whole number");
            }
            super.setAsText(text);
        }
    }
}
