package io.countersign.mail.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * What every mail shares: the instance's name, the public address its links start with, whether
 * replies decide, and the words that approve; with the formats for times and durations.
 */
public record Letterhead(
        String instanceName, String baseUrl, boolean approveByMail, List<String> keywords, Instant now) {

    /** The approve words of approve-by-mail, before the administrator's own. */
    public static final List<String> BUILT_IN_APPROVE_WORDS = List.of("Yes", "Approve", "Approved", "Ok");

    private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern(
                    "EEEE d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    public String requestLink(String requestId) {
        return baseUrl + "/requests/" + URLEncoder.encode(requestId, StandardCharsets.UTF_8);
    }

    public String actionLink(String token) {
        return baseUrl + "/actions/" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    public String newRequestLink() {
        return baseUrl + "/requests/new";
    }

    /**
     * "2026-11-30T10:00:00Z (Monday 30 November 2026, 10:00 UTC, in 3 h 59 min)"; under a minute away,
     * "in less than a minute".
     */
    public String time(Instant at) {
        if (at == null) {
            return null;
        }
        Duration until = Duration.between(now, at);
        String relative = until.isNegative() ? duration(until.negated()) + " ago" : "in " + duration(until);
        return at.truncatedTo(ChronoUnit.SECONDS) + " (" + HUMAN.format(at) + ", " + relative + ")";
    }

    /** "1 h 30 min", or "less than a minute". */
    public static String span(Duration duration) {
        return duration(duration);
    }

    /** "1 h 30 min (PT1H30M)"; null for null. */
    public static String period(Duration duration) {
        return duration == null ? null : duration(duration) + " (" + duration + ")";
    }

    private static String duration(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes == 0) {
            return "less than a minute";
        }
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        StringBuilder out = new StringBuilder();
        if (days > 0) {
            out.append(days).append(" d ");
        }
        if (hours > 0) {
            out.append(hours).append(" h ");
        }
        if (mins > 0) {
            out.append(mins).append(" min");
        }
        return out.toString().trim();
    }
}
