package io.countersign.web.api;

import io.countersign.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;

/**
 * The query parameters as Tomcat decodes them. Tomcat refuses a malformed {@code %} escape, bytes
 * that are not UTF-8 or too many parameters only on the first read and answers later reads with whatever it decoded before
 * the fault, so the failure is kept on the request: every later reader refuses the query too.
 */
final class QueryParameters {

    private static final String UNDECODABLE = QueryParameters.class.getName() + ".undecodable";

    private QueryParameters() {}

    /**
     * @throws InvalidInputException when the query string cannot be decoded, now or on an earlier read
     */
    static Map<String, String[]> of(HttpServletRequest request) {
        if (request.getAttribute(UNDECODABLE) == null) {
            try {
                return request.getParameterMap();
            } catch (InvalidParameterException e) {
                request.setAttribute(UNDECODABLE, Boolean.TRUE);
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
