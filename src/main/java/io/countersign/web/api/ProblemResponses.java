package io.countersign.web.api;

import io.countersign.shared.ConflictException;
import io.countersign.shared.CountersignException;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.RefusedException;
import io.countersign.shared.database.DatabaseUnavailableException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** The one place where the error vocabulary becomes RFC 9457 problem details. */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(CountersignException.class)
    ResponseEntity<ProblemDetail> domain(CountersignException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(statusOf(e), e.getMessage());
        problem.setTitle(e.title());
        if (e instanceof InvalidInputException invalid) {
            problem.setProperty("errors", invalid.issues());
        }
        if (e instanceof RefusedException refused) {
            problem.setProperty("reason", refused.reason());
        }
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Your role may not perform this operation.");
        problem.setTitle("Forbidden");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return invalid(new FieldIssue(e.getName(), "invalid_value", "'" + e.getValue() + "' is not a valid value"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(invalid(unreadable(e)).getBody());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldIssue> issues = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldIssue(error.getField(), "invalid_value", error.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest()
                .body(problemFor(new InvalidInputException(issues)).getBody());
    }

    /** A database out of reach is the service's trouble, not the caller's: 503, never a slow 500. */
    @ExceptionHandler({DatabaseUnavailableException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("Database unavailable: {}", e.getMessage());
        ProblemDetail problem = DatabaseOutage.problem();
        return ResponseEntity.status(problem.getStatus())
                .header("Retry-After", "1")
                .body(problem);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("Unexpected failure", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "The service failed to complete the operation; nothing was changed.");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
    }

    private ResponseEntity<ProblemDetail> invalid(FieldIssue issue) {
        return problemFor(new InvalidInputException(List.of(issue)));
    }

    private ResponseEntity<ProblemDetail> problemFor(InvalidInputException e) {
        return domain(e);
    }

    private static FieldIssue unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldIssue(path(unknown), "unknown_field", "is not a known field");
        }
        if (cause instanceof InvalidFormatException format) {
            String allowed = format.getTargetType().isEnum()
                    ? "; one of " + List.of(format.getTargetType().getEnumConstants())
                    : "";
            return new FieldIssue(
                    path(format),
                    "invalid_value",
                    "'" + format.getValue() + "' is not a valid "
                            + format.getTargetType().getSimpleName() + allowed);
        }
        if (cause instanceof JacksonException json && !json.getPath().isEmpty()) {
            return new FieldIssue(path(json), "invalid_value", "has the wrong type or format");
        }
        return new FieldIssue("body", "malformed_json", "the request body is not well-formed JSON");
    }

    private static String path(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static HttpStatus statusOf(CountersignException e) {
        if (e instanceof NotFoundException) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof InvalidInputException) {
            return HttpStatus.BAD_REQUEST;
        }
        if (e instanceof ConflictException) {
            return HttpStatus.CONFLICT;
        }
        if (e instanceof ForbiddenException) {
            return HttpStatus.FORBIDDEN;
        }
        if (e instanceof RefusedException) {
            return HttpStatus.UNPROCESSABLE_CONTENT;
        }
        return HttpStatus.BAD_REQUEST;
    }
}
