package io.countersign.shared;

/**
 * Well-formed input that a business rule refuses: no policy matches, too few eligible approvers, a
 * duration above the policy's maximum. The {@code reason} is a stable code for clients.
 */
public class RefusedException extends CountersignException {

    private final String reason;

    public RefusedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    @Override
    public String title() {
        return "Refused";
    }
}
