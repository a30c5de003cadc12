package io.countersign.web.pages;

import io.countersign.request.AccessRequest;
import io.countersign.request.BreakGlassReview;
import io.countersign.request.BreakGlassReviews;
import io.countersign.request.RequestPage;
import io.countersign.shared.Actor;
import io.countersign.shared.InvalidInputException;
import io.countersign.web.ExpectedValues;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Every break-glass use with where its review stands, for administrators and auditors, newest first;
 * "Overdue" keeps those whose deadline passed without a review. Each row leads to the request.
 */
@Controller
class BreakGlassUsesPage {

    /** One use as the page shows it; {@code review} is null for a use that opened none. */
    record Row(AccessRequest request, BreakGlassReview review) {}

    private final BreakGlassReviews reviews;

    BreakGlassUsesPage(BreakGlassReviews reviews) {
        this.reviews = reviews;
    }

    @GetMapping("/breakglass")
    @KnownParametersOnly
    @ListPage
    String list(
            Actor actor,
            @RequestParam(name = "overdue", required = false) String overdueAsked,
            @RequestParam(required = false) String cursor,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Boolean asked = flag(overdueAsked);
        boolean overdue = Boolean.TRUE.equals(asked);
        RequestPage page = RefusedFilters.listed(
                request,
                response,
                model,
                Set.of("overdue"),
                () -> {
                    if (asked == null) {
                        throw InvalidInputException.of(
                                "overdue", "invalid_value", ExpectedValues.mustBe(Boolean.class));
                    }
                    return reviews.list(actor, overdue, cursor, AllRequestsPage.PAGE_SIZE);
                },
                AllRequestsPage.NOTHING);
        Map<String, BreakGlassReview> reviewed =
                reviews.forRequests(page.items().stream().map(AccessRequest::id).toList());
        List<Row> rows =
                page.items().stream().map(r -> new Row(r, reviewed.get(r.id()))).toList();
        UriComponentsBuilder here = UriComponentsBuilder.fromPath("/breakglass");
        if (overdue) {
            here.queryParam("overdue", true);
        }
        model.addAttribute("overdue", overdue);
        // a refused filter marks neither choice and lists nothing, rather than reading as "All"
        model.addAttribute("refused", model.getAttribute("error") != null);
        model.addAttribute("uses", rows);
        PageLinks.add(model, here, cursor, page.nextCursor());
        return "pages/breakglass";
    }

    /**
     * The filter as the address gives it, in the words the API takes it ({@code true} or
     * {@code false}, as {@code GET /api/v1/breakglass}); left out, every use; null when it is neither.
     */
    private static Boolean flag(String raw) {
        if (raw == null) {
            return false;
        }
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> null;
        };
    }
}
