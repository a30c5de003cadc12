package io.countersign.web.api;

import io.countersign.audit.ExportsBusyException;
import io.countersign.security.TakenMethods;
import io.countersign.shared.CallerGoneException;
import io.countersign.shared.ConflictException;
import io.countersign.shared.CountersignException;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.RefusedException;
import io.countersign.shared.database.BoundedDatabaseCalls;
import io.countersign.shared.database.DatabaseUnavailableException;
import io.countersign.web.DecisionLinkPaths;
import io.countersign.web.ExpectedValues;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/** The one place where the error vocabulary becomes RFC 9457 problem details. */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    /** The issues a refusal lists; those past it are counted in {@code errorsOmitted}. */
    static final int MAX_LISTED_ISSUES = 100;

    private final UnavailableAnswers unavailable;
    private final RequestRejectedHandler firewallRefusal;

    ProblemResponses(UnavailableAnswers unavailable, RequestRejectedHandler firewallRefusal) {
        this.unavailable = unavailable;
        this.firewallRefusal = firewallRefusal;
    }

    @ExceptionHandler(CountersignException.class)
    ResponseEntity<ProblemDetail> domain(CountersignException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(statusOf(e), Echo.safe(e.getMessage()));
        problem.setTitle(e.title());
        // invalid input always lists its fields; another refusal when it can point at the one at fault
        List<FieldIssue> issues = e.issues();
        if (e instanceof InvalidInputException || !issues.isEmpty()) {
            problem.setProperty(
                    "errors",
                    issues.stream()
                            .limit(MAX_LISTED_ISSUES)
                            .map(issue ->
                                    new FieldIssue(Echo.safe(issue.field()), issue.code(), Echo.safe(issue.message())))
                            .toList());
            if (issues.size() > MAX_LISTED_ISSUES) {
                // a body of thousands of bad entries would otherwise be answered with megabytes of issues
                problem.setDetail(issues.size() + " fields are invalid; the first " + MAX_LISTED_ISSUES
                        + " are listed in errors.");
                problem.setProperty("errorsOmitted", issues.size() - MAX_LISTED_ISSUES);
            }
        }
        if (e instanceof RefusedException refused) {
            problem.setProperty("reason", refused.reason());
        }
        if (e instanceof CallerGoneException) {
            // as the token filter answers a token that authenticates nobody
            return ResponseEntity.status(problem.getStatus())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .body(problem);
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

    /**
     * A parameter of the wrong type: what it takes, in words, never the Java type it was read into,
     * and never the value sent, which may be a secret pasted into the wrong place.
     */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return invalid(mismatch(e.getName(), e.getRequiredType()));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(invalid(mismatch(e.getPropertyName(), e.getRequiredType()))
                        .getBody());
    }

    private static FieldIssue mismatch(String field, Class<?> type) {
        return new FieldIssue(field == null ? "value" : field, "invalid_value", ExpectedValues.mustBe(type));
    }

    /**
     * A header the firewall refuses (one holding bytes 0x80 to 0x9F, which Tomcat passes on as control
     * characters), read first by an operation: the firewall looks at a header only when it is read, so
     * its refusal reaches here rather than the firewall's own handler, and without this was answered as
     * a failure of the service's. It is answered as the firewall answers the refusals it sees itself.
     */
    @ExceptionHandler(RequestRejectedException.class)
    void firewallRefused(RequestRejectedException e, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        firewallRefusal.handle(request, response, e);
    }

    /**
     * Tomcat could not read the query string or form, first read by a controller rather than the API
     * interceptor. At a decision link's address the container's error answer is given instead, as for
     * every other address under {@code /actions} the page does not take: the link's own page for a
     * browser, and for anything else a problem document that does not repeat the address.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableParameters(
            InvalidParameterException e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (DecisionLinkPaths.isDecisionLink(request)) {
            response.sendError(HttpStatus.BAD_REQUEST.value());
            return null;
        }
        return problemFor(QueryParameters.undecodable());
    }

    /**
     * A page address asked with a method it does not take: the browser gets the container's error
     * page (status as its title, the methods in {@code Allow}) rather than a problem document it
     * cannot show. The API's addresses keep their problem documents. Either way {@code Allow} names
     * HEAD and OPTIONS where they are answered, as the path's OPTIONS answer does.
     */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException e, HttpHeaders declared, HttpStatusCode status, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(declared);
        Set<HttpMethod> supported = e.getSupportedHttpMethods();
        Set<String> taken = supported == null
                ? Set.of()
                : TakenMethods.withImplied(
                        supported.stream().map(HttpMethod::name).toList());
        if (!taken.isEmpty()) {
            headers.set(HttpHeaders.ALLOW, TakenMethods.allow(taken));
        }
        if (request instanceof ServletWebRequest servlet
                && !servlet.getRequest().getRequestURI().startsWith("/api/")
                && servlet.getResponse() != null) {
            try {
                headers.forEach((name, values) ->
                        values.forEach(value -> servlet.getResponse().addHeader(name, value)));
                servlet.getResponse().sendError(status.value());
                return null;
            } catch (IOException closed) {
                // the browser went away; the problem document below is written to nobody either
            }
        }
        // the words a role the rules refuse is told, and no warning in the log: Spring's own handler
        // logs every such call, which is the caller's mistake, not the service's
        if (!taken.isEmpty()) {
            e.getBody().setDetail(TakenMethods.notTaken(taken));
        }
        return handleExceptionInternal(e, null, headers, status, request);
    }

    /**
     * A body of a type the operation does not take. A body sent without {@code Content-Type} is told
     * so, rather than that "application/octet-stream", which the client never named, is not taken.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String wanted = named(e.getSupportedMediaTypes());
        String sent = request.getHeader(HttpHeaders.CONTENT_TYPE);
        e.getBody()
                .setDetail(
                        sent == null || sent.isBlank()
                                ? "The request body needs Content-Type " + wanted + "; none was given."
                                : "This operation takes a body of Content-Type " + wanted + ", not the one given.");
        // Accept names what the detail names: not the JSON reader's application/*+json, which is not taken
        HttpHeaders answered = new HttpHeaders();
        answered.addAll(headers);
        answered.setAccept(nameable(e.getSupportedMediaTypes()));
        return super.handleHttpMediaTypeNotSupported(e, answered, status, request);
    }

    /**
     * An unreadable {@code Accept} cannot choose the refusal's media type, so the type is set here. A
     * readable one admitted nothing the operation answers, which is found before the operation runs
     * ({@link AcceptableAnswer}).
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (request instanceof ServletWebRequest servlet && !ReadableAccept.readable(servlet.getRequest())) {
            return ResponseEntity.status(status)
                    .headers(headers)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ReadableAccept.problem());
        }
        e.getBody()
                .setDetail("This operation answers " + named(e.getSupportedMediaTypes())
                        + ", which the Accept header does not admit: name it there, or leave the header out;"
                        + " nothing was changed.");
        return super.handleHttpMediaTypeNotAcceptable(e, headers, status, request);
    }

    /** The types a client would name, leaving out the JSON converter's own application/*+json. */
    private static List<MediaType> nameable(List<MediaType> types) {
        List<MediaType> named = types.stream()
                .filter(type -> !type.getSubtype().contains("*"))
                .distinct()
                .toList();
        return named.isEmpty() ? List.of(MediaType.APPLICATION_JSON) : named;
    }

    private static String named(List<MediaType> types) {
        List<String> named = nameable(types).stream().map(MediaType::toString).toList();
        return named.size() == 1
                ? named.get(0)
                : String.join(", ", named.subList(0, named.size() - 1)) + " or " + named.get(named.size() - 1);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BodyTooLarge tooLarge = causeOf(e, BodyTooLarge.class);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge(tooLarge.limit()));
        }
        // what the reader noted before it stopped is reported too, as it would be had it read on
        List<FieldIssue> issues = new ArrayList<>(UnreadBodyValues.notedBeforeFailure());
        issues.add(UnreadableBody.issue(e));
        return ResponseEntity.badRequest()
                .body(problemFor(new InvalidInputException(issues)).getBody());
    }

    /** The answer to a body above its cap; also written by {@link BodySizeFilter} before any controller runs. */
    static ProblemDetail tooLarge(long limit) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than the " + limit + " bytes this endpoint accepts; nothing was changed.");
        problem.setTitle("Request body too large");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldIssue> issues = e.getBindingResult().getFieldErrors().stream()
                .map(error -> error.contains(TypeMismatchException.class)
                        ? mismatch(
                                error.getField(),
                                error.unwrap(TypeMismatchException.class).getRequiredType())
                        : new FieldIssue(error.getField(), "invalid_value", error.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest()
                .body(problemFor(new InvalidInputException(issues)).getBody());
    }

    /**
     * Two changes that met at the same moment and took the same rows in opposite orders: the database
     * undid one of them whole to let the other go on. Nothing of it stays, and sent again it meets no
     * other: 503 with Retry-After, which a retry with the same Idempotency-Key runs again rather than
     * being answered from memory, as a refusal would be.
     */
    @ExceptionHandler(PessimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> undoneForAnother(PessimisticLockingFailureException e) {
        log.warn(
                "A change met another at the same moment and was undone: {}",
                e.getMostSpecificCause().getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The change met another made at the same moment and was undone; nothing was changed. Send it again.");
        problem.setTitle("Undone for another change");
        return ResponseEntity.status(problem.getStatus())
                .header("Retry-After", "1")
                .body(problem);
    }

    /** An instance runs a few audit exports at once, so that slow downloads cannot crowd out other calls. */
    @ExceptionHandler(ExportsBusyException.class)
    ResponseEntity<ProblemDetail> exportsBusy(ExportsBusyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setTitle("Too many audit exports");
        return ResponseEntity.status(problem.getStatus())
                .header("Retry-After", String.valueOf(ExportsBusyException.RETRY_AFTER_SECONDS))
                .body(problem);
    }

    /** A database out of reach is the service's trouble, not the caller's: 503, never a slow 500. */
    @ExceptionHandler({DatabaseUnavailableException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        unavailable.answered(e);
        ProblemDetail problem = DatabaseOutage.problem(e);
        return ResponseEntity.status(problem.getStatus())
                .header("Retry-After", "1")
                .body(problem);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            // the client closed the connection while its answer was written (an export cancelled): nobody
            // is there to answer, and nothing failed on this side
            log.debug("The client went away before its answer was written", e);
            return null;
        }
        if (BoundedDatabaseCalls.isUnavailability(e)) {
            // a transaction that could not begin (no connection in time) says so only in its cause
            return databaseUnavailable(e);
        }
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

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static HttpStatus statusOf(CountersignException e) {
        if (e instanceof NotFoundException) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof CallerGoneException) {
            return HttpStatus.UNAUTHORIZED;
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
        if (e instanceof StaleVersion) {
            return HttpStatus.PRECONDITION_FAILED;
        }
        if (e instanceof RefusedException) {
            return HttpStatus.UNPROCESSABLE_CONTENT;
        }
        return HttpStatus.BAD_REQUEST;
    }
}
