package io.countersign.mail.internal;

import io.countersign.shared.TimesForPeople;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * What every mail shares: the instance's name, the public address its links start with, whether
 * replies decide, and the words that approve; with the time it is written at, from which its times
 * count.
 */
public record Letterhead(
        String instanceName, String baseUrl, boolean approveByMail, List<String> keywords, Instant now) {

    /** The approve words of approve-by-mail, before the administrator's own. */
    public static final List<String> BUILT_IN_APPROVE_WORDS = List.of("Yes", "Approve", "Approved", "Ok");

    public String requestLink(String requestId) {
        return baseUrl + "/requests/" + URLEncoder.encode(requestId, StandardCharsets.UTF_8);
    }

    public String actionLink(String token) {
        return baseUrl + "/actions/" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    public String newRequestLink() {
        return baseUrl + "/requests/new";
    }

    /** "2026-11-30 10:00 UTC (in 3 hours 59 minutes)", as pages and chat write it; null for null. */
    public String time(Instant at) {
        return TimesForPeople.relative(at, now);
    }
}
