package io.countersign.security;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Why a password sign-in was refused, as the audit trail and the log say it. The person is told only
 * "wrong username or password" unless the refusal is for too many failures, so that the page reveals no username.
 */
enum PasswordRefusal {
    NOT_A_USERNAME("not_a_username", "not a username"),
    UNKNOWN_USER("unknown_user", "no such user"),
    NO_PASSWORD("no_password", "the user has no password for sign-in"),
    INACTIVE_USER("inactive_user", "the user is deactivated"),
    WRONG_PASSWORD("wrong_password", "wrong password"),
    LOCKED("locked", "too many failed sign-ins for this username"),
    THROTTLED("throttled", "too many failed sign-ins from this address"),
    CHECK_FAILED("check_failed", "the password could not be checked");

    private final String code;
    private final String note;

    PasswordRefusal(String code, String note) {
        this.code = code;
        this.note = note;
    }

    String code() {
        return code;
    }

    String note() {
        return note;
    }

    /** Refused before the password was looked at, because of the failures before it. */
    boolean limited() {
        return this == LOCKED || this == THROTTLED;
    }

    /** Why the password check failed, from what it threw. */
    static PasswordRefusal of(AuthenticationException failed) {
        if (failed instanceof LocalUserDetailsService.NoLocalPassword) {
            return NO_PASSWORD;
        }
        if (failed instanceof UsernameNotFoundException) {
            return UNKNOWN_USER;
        }
        if (failed instanceof DisabledException) {
            return INACTIVE_USER;
        }
        return failed instanceof BadCredentialsException ? WRONG_PASSWORD : CHECK_FAILED;
    }
}
