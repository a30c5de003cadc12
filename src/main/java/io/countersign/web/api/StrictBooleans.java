package io.countersign.web.api;

import io.countersign.web.ExpectedValues;
import java.beans.PropertyEditorSupport;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * A switch in a query parameter of the API is {@code true} or {@code false} and nothing else. Spring's
 * own reading also takes yes, on, 1 and any case, and an empty value read as left out or as the
 * default: {@code ?dryRun=}, what a script sends when its variable is unset, committed an import that
 * was meant as a dry run. Anything else is refused in the words of {@link ExpectedValues}. A switch
 * with a default is therefore declared as an optional {@code Boolean}, since Spring puts the default in
 * place of an empty value before any editor sees it.
 */
@ControllerAdvice(basePackageClasses = StrictBooleans.class)
class StrictBooleans {

    @InitBinder
    void trueOrFalseOnly(WebDataBinder binder) {
        if (binder.getTarget() != null) {
            // a bound object reads its own fields
            return;
        }
        binder.registerCustomEditor(Boolean.class, new Editor());
        binder.registerCustomEditor(boolean.class, new Editor());
    }

    private static final class Editor extends PropertyEditorSupport {

        @Override
        public void setAsText(String text) {
            switch (text) {
                case "true" -> setValue(Boolean.TRUE);
                case "false" -> setValue(Boolean.FALSE);
                default -> throw new IllegalArgumentException(ExpectedValues.mustBe(Boolean.class));
            }
        }
    }
}
