package io.countersign.web.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * An {@code Accept} header that cannot be read is refused before a controller runs. Spring MVC finds
 * out only when it writes the answer, after the operation has changed what it changes, and its refusal
 * then went out with an empty body: the problem document could not be labelled by the very header
 * that had failed, so it is labelled {@code application/problem+json} without asking.
 */
class ReadableAccept implements HandlerInterceptor {

    private static final HeaderContentNegotiationStrategy HEADER = new HeaderContentNegotiationStrategy();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotAcceptableException {
        if (!readable(request)) {
            throw new HttpMediaTypeNotAcceptableException("The Accept header cannot be read.");
        }
        return true;
    }

    /** Read as Spring MVC reads it when it chooses the answer's media type. */
    static boolean readable(HttpServletRequest request) {
        try {
            HEADER.resolveMediaTypes(new ServletWebRequest(request));
            return true;
        } catch (HttpMediaTypeNotAcceptableException e) {
            return false;
        }
    }

    static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_ACCEPTABLE,
                "The Accept header cannot be read: each media type it names must be written type/subtype"
                        + " (application/json), or the header left out; nothing was changed.");
        problem.setTitle(HttpStatus.NOT_ACCEPTABLE.getReasonPhrase());
        return problem;
    }
}
