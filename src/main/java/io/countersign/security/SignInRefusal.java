package io.countersign.security;

import java.util.Arrays;

/**
 * Why a person the provider vouched for is not let in; the code travels to the sign-in page, and the
 * note to the audit trail. Neither names a value the provider sent.
 */
enum SignInRefusal {
    UNKNOWN_USER("unknown_user", "no Countersign user for this single sign-on account"),
    INACTIVE_USER("inactive_user", "the user is deactivated"),
    SHARED_EMAIL("shared_email", "more than one user has the single sign-on account's verified e-mail address"),
    UNUSABLE_ACCOUNT("unusable_account", "the single sign-on account gives no usable username or e-mail"),
    NO_VERIFIED_EMAIL(
            "unverified_email", "the single sign-on account gives no verified e-mail address to create the user with"),
    INVALID_EMAIL("invalid_email", "the single sign-on account's e-mail address is not valid"),
    UNUSABLE_TOKEN("unusable_token", "the provider's ID token names no subject or session Countersign can use");

    private final String code;
    private final String note;

    SignInRefusal(String code, String note) {
        this.code = code;
        this.note = note;
    }

    String code() {
        return code;
    }

    String note() {
        return note;
    }

    static boolean isCode(String code) {
        return Arrays.stream(values()).anyMatch(refusal -> refusal.code.equals(code));
    }
}
