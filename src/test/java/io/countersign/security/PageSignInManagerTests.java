package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.testing.CountersignTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The sign-in form's password is judged by the pages' own provider only: a refusal is final, not
 * handed on to the application-wide manager, which would check the password a second time without
 * the lockout, the throttle or the audit.
 */
@CountersignTest
class PageSignInManagerTests {

    @Autowired
    FilterChainProxy chains;

    @Test
    void aWrongPasswordIsRefusedByThePagesProviderAndNoOtherIsAsked() {
        AuthenticationManager signIn = formSignIn();

        assertThatThrownBy(() -> signIn.authenticate(
                        UsernamePasswordAuthenticationToken.unauthenticated("admin", "not the password")))
                .isExactlyInstanceOf(BadCredentialsException.class)
                .hasMessage("Wrong username or password");
    }

    @Test
    void theRightPasswordSignsInThroughThePagesProvider() {
        var signedIn = formSignIn()
                .authenticate(UsernamePasswordAuthenticationToken.unauthenticated("admin", "test-admin-password"));

        assertThat(signedIn.getPrincipal()).isInstanceOf(CountersignPrincipal.class);
    }

    private AuthenticationManager formSignIn() {
        return chains.getFilterChains().stream()
                .flatMap(chain -> chain.getFilters().stream())
                .filter(UsernamePasswordAuthenticationFilter.class::isInstance)
                .map(filter -> (AuthenticationManager) ReflectionTestUtils.getField(filter, "authenticationManager"))
                .findFirst()
                .orElseThrow();
    }
}
