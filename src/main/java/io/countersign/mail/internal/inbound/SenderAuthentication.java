package io.countersign.mail.internal.inbound;

import io.countersign.shared.Names;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code Authentication-Results} (RFC 8601) headers, but only those stamped by the one
 * authentication service the administrator trusts: anyone can write such a header into a message,
 * and only the receiving server's own (which removes forged copies of its own id) says anything.
 * The sender passes when that service reports {@code dmarc=pass}, or {@code spf=pass} or
 * {@code dkim=pass} for the From address's domain.
 */
final class SenderAuthentication {

    private static final String NAME = "Authentication-Results:";

    private SenderAuthentication() {}

    static boolean passes(String[] headers, String trustedAuthservId, String sender) {
        if (headers == null || sender == null || sender.indexOf('@') < 0) {
            return false;
        }
        // A to Z only: Unicode lower-casing would let a look-alike id or domain (a Kelvin sign for a "k")
        // pass for the trusted server's or the sender's
        String domain = Names.asciiLowerCase(sender.substring(sender.lastIndexOf('@') + 1));
        for (String header : headers) {
            if (!stampedFirst(header)) {
                continue;
            }
            String[] statements = withoutComments(header).split(";");
            String authservId = Names.asciiLowerCase(statements[0].trim().split("\\s+")[0]);
            if (!authservId.equals(Names.asciiLowerCase(trustedAuthservId))) {
                continue;
            }
            for (int i = 1; i < statements.length; i++) {
                if (passesFor(statements[i], domain)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The header opens with its authserv-id, as a receiving server writes it. RFC 8601 would allow a
     * comment first, but the receiving server's rule that strips forged copies of its own header
     * matches the id at the start (README, "Authentication-Results"), so a header that hides the id
     * behind a comment is one it let through, and says nothing.
     */
    private static boolean stampedFirst(String header) {
        String value = header.stripLeading();
        return !value.isEmpty() && value.charAt(0) != '(';
    }

    /**
     * The values of the {@code Authentication-Results} header lines written exactly so: the mail
     * library also returns a line whose name is followed by a space before its colon, which the
     * receiving server's rule does not match and so never strips.
     */
    static String[] headerValues(Enumeration<String> lines) {
        List<String> values = new ArrayList<>();
        while (lines.hasMoreElements()) {
            String line = lines.nextElement();
            if (line.regionMatches(true, 0, NAME, 0, NAME.length())) {
                values.add(line.substring(NAME.length()));
            }
        }
        return values.toArray(String[]::new);
    }

    private static boolean passesFor(String statement, String domain) {
        Map<String, String> values = new TreeMap<>();
        for (String pair : statement.trim().split("\\s+")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(Names.asciiLowerCase(pair.substring(0, equals)), unquote(pair.substring(equals + 1)));
            }
        }
        if (values.containsKey("dmarc")) {
            return "pass".equals(values.get("dmarc")) && sameDomain(values.get("header.from"), domain, true);
        }
        if (values.containsKey("spf")) {
            return "pass".equals(values.get("spf")) && sameDomain(values.get("smtp.mailfrom"), domain, false);
        }
        if (values.containsKey("dkim")) {
            return "pass".equals(values.get("dkim")) && sameDomain(values.get("header.d"), domain, false);
        }
        return false;
    }

    /** The property names the domain (or an address in it); DMARC may leave {@code header.from} out. */
    private static boolean sameDomain(String property, String domain, boolean mayBeAbsent) {
        if (property == null) {
            return mayBeAbsent;
        }
        String value = property.substring(property.lastIndexOf('@') + 1);
        return value.equals(domain);
    }

    private static String unquote(String value) {
        return Names.asciiLowerCase(value.replace("\"", ""));
    }

    private static String withoutComments(String header) {
        StringBuilder out = new StringBuilder(header.length());
        int depth = 0;
        for (char c : header.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c == '\r' || c == '\n' || c == '\t' ? ' ' : c);
            }
        }
        return out.toString();
    }
}
