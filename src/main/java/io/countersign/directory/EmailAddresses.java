package io.countersign.directory;

/** The rule a user's e-mail address follows, for addresses that reach the directory from elsewhere. */
public final class EmailAddresses {

    private EmailAddresses() {}

    /** Whether {@code candidate} is an address a user may have. */
    public static boolean isValid(String candidate) {
        return UserRules.isEmail(candidate);
    }
}
