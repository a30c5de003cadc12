package io.countersign.shared;

/**
 * The caller was deactivated or deleted after their credential was checked: another instance's
 * change reaches this one's cache of tokens a moment later. The call is refused as unauthenticated,
 * with the answer a call made after the change gets, not as if the caller named someone unknown.
 */
public class CallerGoneException extends CountersignException {

    /** What a call with a token that no longer authenticates anyone is told. */
    public static final String DETAIL = "The API token is unknown or expired.";

    public CallerGoneException() {
        super(DETAIL);
    }

    /**
     * What to answer when {@code username} is not an active user: a token holder who is gone
     * themself, or a caller who named someone they may not see. A page's session is checked against
     * the directory on every page, before anything runs.
     */
    public static CountersignException orUnknown(Actor caller, String username) {
        return caller.channel() == Channel.API && caller.username().equals(username)
                ? new CallerGoneException()
                : new NotFoundException("user", username);
    }

    @Override
    public String title() {
        return "Unauthorized";
    }
}
