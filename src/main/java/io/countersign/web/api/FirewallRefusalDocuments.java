package io.countersign.web.api;

import io.countersign.security.FirewallRefusalAnswer;
import io.countersign.security.ProtectiveHeaders;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;

/**
 * The firewall's refusal when the error page could not give it: an {@code Accept} holding bytes 0x80 to
 * 0x9F is refused again as the error page reads it to choose between page and document. The same problem
 * fields and the same page as every other refusal, for the address first asked, written without asking
 * the header that was refused: the API's addresses and any caller not naming HTML get the problem document.
 */
@Component
class FirewallRefusalDocuments implements FirewallRefusalAnswer {

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, int status, String reason)
            throws IOException {
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String asked
                ? asked
                : request.getRequestURI();
        ProtectiveHeaders.setIfAbsent(response);
        response.setStatus(status);
        if (ContainerAnswers.wantsProblemDocument(path, acceptAsSent(request))) {
            // JSON is UTF-8 by definition: a problem document names no charset, as every other one
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream()
                    .write(ContainerAnswers.problem(status, reason, path).getBytes(StandardCharsets.UTF_8));
        } else {
            response.setContentType(MediaType.TEXT_HTML_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(ContainerAnswers.page(status, reason, path));
        }
        response.flushBuffer();
    }

    /** Only whether it names HTML is asked; a header the firewall refuses to read names nothing. */
    private static String acceptAsSent(HttpServletRequest request) {
        try {
            return request.getHeader(HttpHeaders.ACCEPT);
        } catch (RequestRejectedException e) {
            return null;
        }
    }
}
