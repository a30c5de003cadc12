package io.countersign.web.pages;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

/**
 * How every list refuses its filters: the list page again, its form holding what was asked, each refused
 * filter's message beside it ({@link FilterErrors}), what no filter shows above the list, the status 400,
 * and nothing listed, since a list filtered by a value it could not read would pass for the filtered one.
 * What the page's interceptors refuse of the query ({@link KnownPageParameters},
 * {@link SingleValuedPageParameters}) waits here for the list of a {@link ListPage} to show it.
 */
public final class RefusedFilters {

    private static final String DEFERRED = RefusedFilters.class.getName() + ".deferred";
    private static final String SHOWN = RefusedFilters.class.getName() + ".shown";

    private RefusedFilters() {}

    /**
     * Lists what {@code listing} finds, or {@code none} when a filter is refused. {@code filters} are the
     * filters the page shows a control for; a refusal of any other parameter is named above the list.
     * The page reads {@code filterErrors} and {@code error} from the model.
     */
    public static <T> T listed(
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            Set<String> filters,
            Supplier<T> listing,
            T none) {
        request.setAttribute(SHOWN, Boolean.TRUE);
        model.addAttribute("filterErrors", FilterErrors.NONE);
        try {
            List<FieldIssue> refused = deferred(request);
            if (!refused.isEmpty()) {
                throw new InvalidInputException(refused);
            }
            return listing.get();
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            FilterErrors errors = FilterErrors.of(e.issues(), filters);
            model.addAttribute("filterErrors", errors);
            model.addAttribute("error", errors.summary());
            return none;
        }
    }

    /** Keeps what an interceptor refused of a list page's query for the list to show. */
    static void defer(HttpServletRequest request, List<FieldIssue> issues) {
        if (issues.isEmpty()) {
            return;
        }
        List<FieldIssue> all = new ArrayList<>(deferred(request));
        all.addAll(issues);
        request.setAttribute(DEFERRED, List.copyOf(all));
    }

    /** A refusal kept for a list that never showed it: refused as any other page's would be. */
    static void requireShown(HttpServletRequest request) {
        List<FieldIssue> refused = deferred(request);
        if (!refused.isEmpty() && request.getAttribute(SHOWN) == null) {
            throw new InvalidInputException(refused);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<FieldIssue> deferred(HttpServletRequest request) {
        Object kept = request.getAttribute(DEFERRED);
        return kept == null ? List.of() : (List<FieldIssue>) kept;
    }
}
