package io.countersign.web.api;

import io.countersign.directory.Directory;
import io.countersign.request.Requests;
import io.countersign.security.CountersignPrincipal;
import io.countersign.shared.FieldIssue;
import io.countersign.shared.Text;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} on the decisions (approve, reject, cancel, revoke) and on a grant's extension:
 * the first answer to a key, status, body and {@code Location}, is stored and given again to every retry with the same path and body, so a
 * client that lost an answer learns what happened instead of "already decided". The same key with
 * another path or body answers 422, and so does a key one call used on a creation or a decision when
 * the other sends it (a creation keeps its key with the request it opened); a retry while the first call still runs answers 409. Answers the
 * service failed to give (5xx) are not stored: the retry runs the call again; nor are refusals given
 * before the decision ran ({@link OperationCalls}). Runs after the security
 * filters, so only an authenticated caller's keys are looked up, and they are scoped to that user.
 */
@Component
class IdempotentDecisionFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    static final int MAX_KEY = 200;
    static final FieldIssue REPEATED = new FieldIssue(
            HEADER, "repeated", "send one Idempotency-Key header: with two, a retry could not tell which one counted");
    static final FieldIssue UNUSABLE = new FieldIssue(
            HEADER, "invalid_value", "must be 1 to " + MAX_KEY + " characters without control characters");
    private static final Pattern DECISION =
            Pattern.compile("/api/v1/(requests/[^/]+/(approve|reject|cancel)|grants/[^/]+/(revoke|extend))");
    private static final String CREATION = "/api/v1/requests";

    private final IdempotentAnswers answers;
    private final Requests requests;
    private final Directory directory;
    private final JsonMapper json;
    private final ObjectWriter sorted;

    IdempotentDecisionFilter(IdempotentAnswers answers, Requests requests, Directory directory, JsonMapper json) {
        this.answers = answers;
        this.requests = requests;
        this.directory = directory;
        this.json = json;
        this.sorted = json.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }

    /** Whether the call carries more than one Idempotency-Key header. */
    static boolean repeated(HttpServletRequest request) {
        Enumeration<String> keys = request.getHeaders(HEADER);
        if (keys == null || !keys.hasMoreElements()) {
            return false;
        }
        keys.nextElement();
        return keys.hasMoreElements();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || request.getHeader(HEADER) == null
                || !(DECISION.matcher(path(request)).matches() || CREATION.equals(path(request)));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> userId = caller().flatMap(directory::idOf);
        if (userId.isEmpty()) {
            chain.doFilter(request, response); // refused further on; nothing to remember
            return;
        }
        String key = request.getHeader(HEADER).trim();
        if (CREATION.equals(path(request))) {
            // a creation keeps its key with the request it opened: only a key a decision holds is refused here
            if (!repeated(request) && !key.isEmpty() && answers.holds(userId.get(), key)) {
                write(request, response, reused());
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        if (repeated(request)
                || key.isEmpty()
                || key.length() > MAX_KEY
                || Text.firstForbidden(key, Text.Lines.SINGLE) >= 0) {
            FieldIssue issue = repeated(request) ? REPEATED : UNUSABLE;
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, "The Idempotency-Key header is not usable; nothing was changed.");
            problem.setTitle("Invalid input");
            problem.setProperty("errors", List.of(issue));
            write(request, response, problem);
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        IdempotentAnswers.Claim claim = requests.createdWithKey(userId.get(), key)
                ? new IdempotentAnswers.Mismatch()
                : answers.claim(
                        userId.get(), key, fingerprint(path(request), body), fingerprintOf(path(request), body));
        if (claim instanceof IdempotentAnswers.Replay replay) {
            response.setStatus(replay.status());
            response.setHeader(REPLAYED, "true");
            if (replay.contentType() != null) {
                response.setContentType(replay.contentType());
            }
            if (replay.location() != null) {
                response.setHeader(HttpHeaders.LOCATION, replay.location());
            }
            if (replay.body() != null) {
                response.getOutputStream().write(replay.body().getBytes(StandardCharsets.UTF_8));
            }
        } else if (claim instanceof IdempotentAnswers.Mismatch) {
            write(request, response, reused());
        } else if (claim instanceof IdempotentAnswers.Running) {
            response.setHeader("Retry-After", "1");
            write(
                    request,
                    response,
                    problem(
                            HttpStatus.CONFLICT,
                            "Conflict",
                            "A call with this Idempotency-Key is still running; retry shortly to get its answer."));
        } else {
            run(request, response, chain, userId.get(), key, body);
        }
    }

    private void run(
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain,
            String userId,
            String key,
            byte[] body)
            throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean answered = false;
        try {
            chain.doFilter(new ReplayedBody(request, body), captured);
            if (remembered(request, captured.getStatus())) {
                answers.answer(
                        userId,
                        key,
                        captured.getStatus(),
                        captured.getContentType(),
                        new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8),
                        captured.getHeader(HttpHeaders.LOCATION));
                answered = true;
            }
        } finally {
            if (!answered) {
                answers.release(userId, key);
            }
            captured.copyBodyToResponse();
        }
    }

    /**
     * The answers a retry is given again. Not a failure of the service (5xx), which the retry runs
     * again, nor a refusal of how the call was sent, given before the decision ran and changing
     * nothing; nor a 406 ever: it is about the Accept header, which the key does not cover.
     */
    private static boolean remembered(HttpServletRequest request, int status) {
        return status < 500 && status != HttpStatus.NOT_ACCEPTABLE.value() && OperationCalls.called(request);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    /** The words and the reason of a reused key on POST /api/v1/requests, so clients handle one shape. */
    private static ProblemDetail reused() {
        ProblemDetail reused = problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "Refused",
                "This Idempotency-Key was already used for a different call; use a new key.");
        reused.setProperty("reason", "idempotency_key_reused");
        return reused;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static Optional<String> caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof CountersignPrincipal principal
                ? Optional.of(principal.username())
                : Optional.empty();
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /**
     * The call a key stands for: its path and its body, a JSON body by what it says, as a creation's key
     * is compared, so that a retry serialised anew (other spacing, fields in another order) still
     * matches; any other body byte for byte.
     */
    private String fingerprint(String path, byte[] body) {
        byte[] canonical;
        try {
            canonical = sorted.writeValueAsBytes(json.readValue(body, Object.class));
        } catch (JacksonException notJson) {
            canonical = body;
        }
        return fingerprintOf(path, canonical);
    }

    /**
     * The path and {@code body} byte for byte: what versions before JSON bodies were compared by meaning
     * stored, so that a key they claimed still matches the retry that sends the same bytes.
     */
    private static String fingerprintOf(String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
