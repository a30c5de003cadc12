package io.countersign.web;

import io.countersign.security.ProtectiveHeaders;
import io.countersign.shared.RefusalAuditLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.catalina.Globals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Lets a request in only when the client address the servlet container settled on is an IP address.
 * Behind a trusted proxy that address is whatever the proxy wrote in {@code X-Forwarded-For}, and it
 * goes into the audit trail and the sign-in failure counts: text that names no address, or is longer
 * than any address, would be recorded as the client or would make the change fail to be audited. A
 * port after the address, which some load balancers add, is dropped.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ForwardedClientAddress extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ForwardedClientAddress.class);
    private static final Pattern IPV4 = Pattern.compile("((?:[0-9]{1,3}\\.){3}[0-9]{1,3})(?::([0-9]{1,5}))?");
    private static final Pattern BRACKETED_IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]+)](?::([0-9]{1,5}))?");
    // a link-local address names the interface it was reached on: fe80::1%eth0
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}(%[0-9A-Za-z_.-]{1,16})?");
    private static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
            + "\"detail\":\"The client address the proxy in front of Countersign gave in X-Forwarded-For"
            + " is not an IP address; nothing was changed. The proxy must set X-Forwarded-For to the address"
            + " of the client it serves.\"";

    private final RefusalAuditLimiter warnings;

    ForwardedClientAddress(Clock clock) {
        this.warnings = new RefusalAuditLimiter(clock);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getRemoteAddr();
        // an address the container did not take from a proxy's header is the socket's own
        if (given == null || request.getAttribute(Globals.REQUEST_FORWARDED_ATTRIBUTE) == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> address = address(given);
        if (address.isEmpty()) {
            warnings.admit("x-forwarded-for", "not_an_address")
                    .ifPresent(heldBack -> log.warn(
                            "Refused a request whose X-Forwarded-For names no IP address; the proxy in front of"
                                    + " Countersign must set it to the client's address ({} more held back)",
                            heldBack));
            // answered before any other filter runs: nothing else adds the headers every answer carries
            ProtectiveHeaders.setIfAbsent(response);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/problem+json");
            response.getOutputStream().write(problem(request.getRequestURI()));
            return;
        }
        chain.doFilter(address.get().equals(given) ? request : new WithAddress(request, address.get()), response);
    }

    /** The refusal with the path as its instance, as every problem has, unless the path is a decision link's. */
    private static byte[] problem(String path) {
        StringBuilder document = new StringBuilder(PROBLEM);
        if (path != null && !DecisionLinkPaths.isDecisionLink(path)) {
            document.append(",\"instance\":\"");
            JsonStringEncoder.getInstance().quoteAsString(path, document);
            document.append('"');
        }
        return document.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The address alone, in one form however it was spelt, when the text is an IPv4 or IPv6 address
     * with or without a port: the audit is searched, and sign-in failures are counted, by this text.
     */
    static Optional<String> address(String text) {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            if (!isPort(v4.group(2))) {
                return Optional.empty();
            }
            for (String octet : v4.group(1).split("\\.")) {
                // 010 is 8 to some readers and 10 to others
                if (Integer.parseInt(octet) > 255 || (octet.length() > 1 && octet.startsWith("0"))) {
                    return Optional.empty();
                }
            }
            return Optional.of(v4.group(1));
        }
        Matcher bracketed = BRACKETED_IPV6.matcher(text);
        if (bracketed.matches() && !isPort(bracketed.group(2))) {
            return Optional.empty();
        }
        String v6 = bracketed.matches() ? bracketed.group(1) : text;
        if (!v6.contains(":") || !IPV6.matcher(v6).matches()) {
            return Optional.empty();
        }
        try {
            // a text with a colon is read as an IPv6 literal or refused, never looked up by name
            InetAddress parsed = InetAddress.getByName(v6);
            if (parsed instanceof Inet4Address mapped) {
                // ::ffff:198.51.100.4 is the IPv4 client 198.51.100.4
                return Optional.of(mapped.getHostAddress());
            }
            int zone = v6.indexOf('%');
            return Optional.of(shortened(parsed.getAddress()) + (zone < 0 ? "" : v6.substring(zone)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isPort(String port) {
        return port == null || Integer.parseInt(port) <= 65535;
    }

    /** RFC 5952's text of an IPv6 address: lower case, no leading zeros, the longest run of zero groups as ::. */
    private static String shortened(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int end = i;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - i > bestLength) {
                bestStart = i;
                bestLength = end - i;
            }
            i = Math.max(end, i + 1);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }

    private static final class WithAddress extends HttpServletRequestWrapper {

        private final String address;

        WithAddress(HttpServletRequest request, String address) {
            super(request);
            this.address = address;
        }

        @Override
        public String getRemoteAddr() {
            return address;
        }

        @Override
        public String getRemoteHost() {
            return address;
        }
    }
}
