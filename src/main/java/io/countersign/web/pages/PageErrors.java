package io.countersign.web.pages;

import io.countersign.audit.ExportsBusyException;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.NotFoundException;
import io.countersign.web.ExpectedValues;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page for what the signed-in person may not see, rather than the API's problem document. It says
 * "not found" whether the request is missing or somebody else's. The decision links under
 * {@code /actions} answer for themselves and are not covered.
 */
@ControllerAdvice(
        assignableTypes = {
            RequestPages.class,
            BreakGlassReviewForm.class,
            BreakGlassUsesPage.class,
            ProfilePage.class,
            NewRequestPage.class,
            AllRequestsPage.class,
            AuditLogPage.class,
            ForbiddenPage.class
        },
        basePackages = {
            "io.countersign.web.pages.admin",
            "io.countersign.web.pages.policies",
            "io.countersign.web.pages.mail"
        })
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "pages/not-found";
    }

    /**
     * An address whose query Tomcat cannot read: the container's error page, which a browser sees as a
     * page saying so and a script as the problem document, rather than the API's problem document
     * whatever asked. The fault is already on the request (Spring Boot's error attributes resolve first).
     */
    @ExceptionHandler(InvalidParameterException.class)
    void unreadable(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }

    /**
     * A filter or form field the service refuses where no form is there to show it beside (a hidden
     * field tampered with, an export asked without its format or with a filter it does not take, a field
     * the form cannot hold such as a step far beyond the last; a list shows its own, see
     * {@link RefusedFilters}): a
     * browser is shown a page naming the problem, with the status as its title, rather than the API's
     * problem document. Anything else, such as a script fetching the audit export with a session, gets
     * a problem document naming the same fields, with the coded {@code errors} the API gives.
     */
    @ExceptionHandler({
        InvalidInputException.class,
        MethodArgumentTypeMismatchException.class,
        BindException.class,
        InvalidPropertyException.class
    })
    Object invalid(Exception e, HttpServletRequest request) {
        String detail = problem(e) + "; nothing was changed.";
        if (!browser(request)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
            problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
            if (e instanceof InvalidInputException invalid) {
                problem.setTitle(invalid.title());
                problem.setProperty(
                        "errors",
                        invalid.issues().stream()
                                .map(issue -> new FieldIssue(shortened(issue.field()), issue.code(), issue.message()))
                                .toList());
            }
            return ResponseEntity.badRequest().body(problem);
        }
        ModelAndView page = new ModelAndView("error", HttpStatus.BAD_REQUEST);
        page.addObject("title", HttpStatus.BAD_REQUEST.getReasonPhrase());
        page.addObject("detail", detail);
        return page;
    }

    private static String problem(Exception e) {
        if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            return mismatch(mismatch.getName(), mismatch.getRequiredType());
        }
        if (e instanceof BindException binding) {
            return binding.getFieldErrors().stream()
                    .map(error -> error.contains(TypeMismatchException.class)
                            ? mismatch(
                                    error.getField(),
                                    error.unwrap(TypeMismatchException.class).getRequiredType())
                            : shortened(error.getField()) + ": is not a valid value")
                    .collect(Collectors.joining("; "));
        }
        if (e instanceof InvalidPropertyException property) {
            return shortened(property.getPropertyName()) + ": this form has no such field";
        }
        return ((InvalidInputException) e)
                .issues().stream()
                        .map(issue -> shortened(issue.field()) + ": " + issue.message())
                        .collect(Collectors.joining("; "));
    }

    /** What the field takes, never what was sent: a value may be a secret pasted into the wrong place. */
    private static String mismatch(String field, Class<?> type) {
        return shortened(field) + ": " + ExpectedValues.mustBe(type);
    }

    /** The page escapes a field name it repeats; its length is only kept to a line. */
    private static String shortened(String sent) {
        return sent.length() > 80 ? sent.substring(0, 80) + "…" : sent;
    }

    /** The same test as the container's own error answers make: a browser says it takes HTML. */
    private static boolean browser(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    @ExceptionHandler(ForbiddenException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden() {
        return "error/403";
    }

    /**
     * Every audit export slot of this instance is taken: a browser is shown a page saying to try again
     * shortly, anything else the API's problem document; both say when, in {@code Retry-After}.
     */
    @ExceptionHandler(ExportsBusyException.class)
    Object exportsBusy(ExportsBusyException e, HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Retry-After", String.valueOf(ExportsBusyException.RETRY_AFTER_SECONDS));
        if (!browser(request)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
            problem.setTitle("Too many audit exports");
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).body(problem);
        }
        ModelAndView page = new ModelAndView("error", HttpStatus.TOO_MANY_REQUESTS);
        page.addObject("title", "Too many audit exports");
        page.addObject("detail", e.getMessage() + " Nothing was changed.");
        return page;
    }
}
