package io.countersign.web.pages;

import io.countersign.request.RequestPage;
import io.countersign.request.RequestQuery;
import io.countersign.request.Requests;
import io.countersign.shared.Actor;
import io.countersign.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Every request, for administrators and auditors: by status, requester, resource and when it was
 * made, newest first, a page at a time with the API's cursors. Each row leads to the request's
 * timeline.
 */
@Controller
class AllRequestsPage {

    /** The status filters the page offers, in the words people use, and the status each stands for. */
    static final Map<String, String> STATUSES = statuses();

    static final int PAGE_SIZE = 50;

    /** The filters the page shows: the status links and the form's fields. */
    /** What a list whose filter is refused shows. */
    static final RequestPage NOTHING = new RequestPage(List.of(), null);

    private static final Set<String> FILTERS = Set.of("status", "requester", "resource", "from", "to");

    private final Requests requests;

    AllRequestsPage(Requests requests) {
        this.requests = requests;
    }

    @GetMapping("/requests")
    @KnownParametersOnly
    @ListPage
    String list(
            Actor actor,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String requester,
            @RequestParam(required = false) String resource,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        String chosen = status == null ? "" : status.trim().toLowerCase(Locale.ROOT);
        Problems problems = new Problems();
        problems.check(
                chosen.isEmpty() || STATUSES.containsKey(chosen),
                "status",
                "invalid_value",
                "must be one of " + String.join(", ", STATUSES.keySet()));
        Instant since = UtcTimes.parse(from, "from", problems);
        Instant until = UtcTimes.parse(to, "to", problems);
        RequestPage found = RefusedFilters.listed(
                request,
                response,
                model,
                FILTERS,
                () -> {
                    problems.throwIfAny();
                    return requests.list(
                            actor,
                            new RequestQuery(
                                    chosen.isEmpty() ? null : STATUSES.get(chosen),
                                    requester,
                                    resource,
                                    null,
                                    since,
                                    until,
                                    cursor,
                                    PAGE_SIZE));
                },
                NOTHING);
        UriComponentsBuilder filters = UriComponentsBuilder.fromPath("/requests")
                .queryParamIfPresent("requester", present(requester))
                .queryParamIfPresent("resource", present(resource))
                .queryParamIfPresent("from", present(from))
                .queryParamIfPresent("to", present(to));
        Map<String, String> statusLinks = new LinkedHashMap<>();
        statusLinks.put("", filters.cloneBuilder().build().encode().toUriString());
        STATUSES.keySet()
                .forEach(s -> statusLinks.put(
                        s,
                        filters.cloneBuilder()
                                .queryParam("status", s)
                                .build()
                                .encode()
                                .toUriString()));
        UriComponentsBuilder here = filters.cloneBuilder().queryParamIfPresent("status", present(chosen));
        model.addAttribute("statusLinks", statusLinks);
        model.addAttribute("status", chosen);
        model.addAttribute("requester", requester);
        model.addAttribute("resource", resource);
        model.addAttribute("from", UtcTimes.field(from));
        model.addAttribute("to", UtcTimes.field(to));
        model.addAttribute("requests", found.items());
        PageLinks.add(model, here, cursor, found.nextCursor());
        return "pages/all-requests";
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static Map<String, String> statuses() {
        Map<String, String> statuses = new LinkedHashMap<>();
        statuses.put("open", "PENDING");
        statuses.put("approved", "APPROVED");
        statuses.put("rejected", "REJECTED");
        statuses.put("cancelled", "CANCELLED");
        statuses.put("expired", "EXPIRED");
        return Collections.unmodifiableMap(statuses);
    }
}
