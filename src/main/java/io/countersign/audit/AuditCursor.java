package io.countersign.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;

/**
 * The position after which the next page starts. Clients treat it as opaque so that its contents
 * may change; today it is the id of the last event of the previous page.
 */
final class AuditCursor {

    private static final String PREFIX = "before:";

    private AuditCursor() {}

    static String after(long lastIdOfPage) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + lastIdOfPage).getBytes(StandardCharsets.US_ASCII));
    }

    /** The id the next page must stay below, or empty when the cursor was not made by {@link #after}. */
    static OptionalLong decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!text.startsWith(PREFIX)) {
                return OptionalLong.empty();
            }
            String digits = text.substring(PREFIX.length());
            if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return OptionalLong.empty();
            }
            long id = Long.parseLong(digits);
            return id >= 1 ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (IllegalArgumentException notBase64) {
            return OptionalLong.empty();
        }
    }
}
