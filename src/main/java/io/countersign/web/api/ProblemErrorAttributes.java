package io.countersign.web.api;

import io.countersign.security.FirewallRefusals;
import io.countersign.web.DecisionLinkPaths;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * What the container's own error answers hold (a method it does not allow, such as {@code TRACE}; a
 * failure in a filter before any controller ran): the fields of an RFC 9457 problem document, as
 * every controller answers, rather than Spring Boot's {@code timestamp}, {@code error} and
 * {@code path}. Browsers get the same fields as a page ({@code templates/error.html}). The detail is
 * fixed text, the firewall's reason where it refused the request ({@link FirewallRefusals}) or the
 * outage's where a page met a database out of reach ({@link DatabaseOutageFilter}): nothing of
 * the failed request or the exception is echoed, and the path only when it is not a decision link's,
 * whose token is its credential.
 */
@Component
class ProblemErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> boot = super.getErrorAttributes(request, ErrorAttributeOptions.defaults());
        int status = boot.get("status") instanceof Integer code ? code : 500;
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        if (request.getAttribute(DatabaseOutage.UNREACHABLE, RequestAttributes.SCOPE_REQUEST)
                instanceof Throwable failure) {
            ProblemDetail outage = DatabaseOutage.problem(failure);
            problem.put("title", outage.getTitle());
            problem.put("status", status);
            problem.put("detail", outage.getDetail());
        } else {
            problem.put("title", ContainerAnswers.title(status));
            problem.put("status", status);
            problem.put(
                    "detail",
                    request.getAttribute(FirewallRefusals.REASON, RequestAttributes.SCOPE_REQUEST)
                                    instanceof String reason
                            ? reason
                            : detail(status, getError(request)));
        }
        if (boot.get("path") instanceof String path && !DecisionLinkPaths.isDecisionLink(path)) {
            problem.put("instance", path);
        }
        return problem;
    }

    private static boolean unreadableParameters(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidParameterException) {
                return true;
            }
        }
        return false;
    }

    private static String detail(int status, Throwable error) {
        if (unreadableParameters(error)) {
            return "The form or the address could not be read: it holds a malformed %-escape, text that is not"
                    + " UTF-8, or more fields than the server accepts; nothing was changed.";
        }
        if (status == HttpStatus.METHOD_NOT_ALLOWED.value()) {
            return "This path does not take that method; nothing was changed.";
        }
        if (status == HttpStatus.NOT_FOUND.value()) {
            return "Nothing is served at this path.";
        }
        if (status == HttpStatus.CONTENT_TOO_LARGE.value()) {
            return "What was sent is larger than this address accepts; nothing was changed. Shorten the text"
                    + " and send it again.";
        }
        if (status >= 500) {
            return "The service failed to complete the operation; nothing was changed.";
        }
        return "The request was refused; nothing was changed.";
    }
}
