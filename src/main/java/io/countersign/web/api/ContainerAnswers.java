package io.countersign.web.api;

import io.countersign.web.DecisionLinkPaths;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * What the host's error report ({@link ContainerRefusals}) answers a request Tomcat refused before the
 * service saw it: the same problem fields and the same page as every other refusal. The text is fixed;
 * of the request only its path is repeated, as {@code instance}, and not a decision link's, whose
 * token is its credential. The firewall's refusals its error page cannot give
 * ({@link FirewallRefusalDocuments}) are written with them too.
 */
final class ContainerAnswers {

    private ContainerAnswers() {}

    static String problem(int status, String path) {
        return problem(status, detail(status), path);
    }

    static String problem(int status, String detail, String path) {
        StringBuilder document = new StringBuilder("{\"type\":\"about:blank\",\"title\":\"")
                .append(title(status))
                .append("\",\"status\":")
                .append(status)
                .append(",\"detail\":\"");
        JsonStringEncoder.getInstance().quoteAsString(detail, document);
        document.append('"');
        if (path != null && path.startsWith("/") && !DecisionLinkPaths.isDecisionLink(path)) {
            document.append(",\"instance\":\"");
            JsonStringEncoder.getInstance().quoteAsString(path, document);
            document.append('"');
        }
        return document.append('}').toString();
    }

    /**
     * The error page ({@code templates/error.html}) as it renders, without the template engine: this
     * answer is written outside the application, by the container. The addresses are the root's, as
     * the pages' are. A decision link's address gets the link's own page, as wherever it is refused.
     */
    static String page(int status, String detail, String path) {
        return status < 500 && DecisionLinkPaths.isDecisionLink(path) ? linkPage() : page(title(status), detail, true);
    }

    /** The API's addresses answer problem documents; any other a page when {@code Accept} names HTML. */
    static boolean wantsProblemDocument(String path, String accept) {
        if (path != null && path.startsWith("/api/")) {
            return true;
        }
        return accept == null || !accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    /**
     * The page a decision link with something added shows wherever it is refused (the link's own
     * page, {@code actions/outcome}, in the same words): that the link is not valid and nothing was
     * decided, with no way onwards and nothing of the address.
     */
    static String linkPage() {
        return page(NOTHING_DECIDED, LINK_NOT_VALID, false);
    }

    static final String NOTHING_DECIDED = "Nothing was decided";
    static final String LINK_NOT_VALID = "This link is not valid. It may have been cut off or mistyped.";

    private static String page(String heading, String text, boolean backLink) {
        String title = HtmlUtils.htmlEscape(heading);
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n"
                + "  <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "  <meta name=\"robots\" content=\"noindex, nofollow\">\n"
                + "  <title>" + title + " - Countersign</title>\n"
                + "  <link rel=\"stylesheet\" href=\"/css/countersign.css\">\n</head>\n<body>\n<main>\n"
                + "  <h1>" + title + "</h1>\n"
                + "  <p role=\"alert\">" + HtmlUtils.htmlEscape(text) + "</p>\n"
                + (backLink ? "  <p><a href=\"/\">Back to Countersign</a></p>\n" : "")
                + "</main>\n</body>\n</html>\n";
    }

    /** HTTP's reason phrase, but for 404 the domain's "Not found", which most 404s of the service carry. */
    static String title(int status) {
        if (status == HttpStatus.NOT_FOUND.value()) {
            return "Not found";
        }
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    static String detail(int status) {
        return status == HttpStatus.BAD_REQUEST.value()
                ? "The request could not be read: its path, request line or headers are malformed (an encoded"
                        + " '/', '\\' or NUL in the path, for example), or its headers are larger than the service"
                        + " accepts. Nothing was changed."
                : "The request was refused before it reached the service. Nothing was changed.";
    }
}
