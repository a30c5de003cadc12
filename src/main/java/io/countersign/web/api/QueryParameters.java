package io.countersign.web.api;

import io.countersign.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * The query parameters as Tomcat decodes them. Tomcat refuses a malformed {@code %} escape, bytes
 * that are not UTF-8 or too many parameters only on the first read and answers later reads with whatever it decoded before
 * the fault, so the failure is kept on the request: every later reader refuses the query too. Spring
 * Security's firewall refuses a parameter name holding a control or unassigned character only when the
 * parameters are read, here, which without a word of its own was a failure of the service's.
 */
final class QueryParameters {

    private static final String UNDECODABLE = QueryParameters.class.getName() + ".undecodable";

    private QueryParameters() {}

    /**
     * @throws InvalidInputException when the query string cannot be decoded, now or on an earlier read,
     *     or a parameter's name holds a character the firewall refuses
     */
    static Map<String, String[]> of(HttpServletRequest request) {
        if (request.getAttribute(UNDECODABLE) == null) {
            try {
                return request.getParameterMap();
            } catch (InvalidParameterException e) {
                request.setAttribute(UNDECODABLE, Boolean.TRUE);
            } catch (RequestRejectedException e) {
                // the name is not repeated: it is the very text the firewall would not let through
                throw InvalidInputException.of(
                        "query",
                        "invalid_character",
                        "a parameter name must not contain control characters or characters Unicode leaves"
                                + " unassigned");
            }
        }
        throw undecodable();
    }

    static InvalidInputException undecodable() {
        return InvalidInputException.of(
                "query",
                "unreadable_query",
                "the query string or form cannot be read: it holds a malformed %-escape, text that is not UTF-8,"
                        + " or more parameters than the server accepts");
    }
}
