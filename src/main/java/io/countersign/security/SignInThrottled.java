package io.countersign.security;

import org.springframework.security.authentication.AccountStatusException;

/**
 * A sign-in refused because its client address has failed too often of late, whatever name it gives.
 * An account status, as a lockout is, so that no other authentication provider is asked after it.
 */
final class SignInThrottled extends AccountStatusException {

    SignInThrottled() {
        super("Too many failed sign-ins from this address");
    }
}
