package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

class SignInPropertiesTests {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    @Test
    void anAddressMustBeAllowedAtLeastOneFailure() {
        assertThatThrownBy(() -> new SignInProperties(5, WINDOW, 0))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageEndingWith("COUNTERSIGN_SIGN_IN_MAX_FAILURES_PER_ADDRESS"
                        + " (countersign.security.sign-in.max-failures-per-address) must be at least 1.");
        assertThatNoException().isThrownBy(() -> new SignInProperties(5, WINDOW, 1));
    }

    @Test
    void aUsernameMustBeAllowedAtLeastOneFailureInAPositiveWindow() {
        assertThatThrownBy(() -> new SignInProperties(0, WINDOW, 30))
                .hasMessageEndingWith(
                        "COUNTERSIGN_SIGN_IN_MAX_FAILURES (countersign.security.sign-in.max-failures) must be at least 1.");
        assertThatThrownBy(() -> new SignInProperties(5, Duration.ZERO, 30))
                .hasMessageEndingWith("COUNTERSIGN_SIGN_IN_LOCKOUT_WINDOW (countersign.security.sign-in.lockout-window)"
                        + " must be positive, e.g. 30s.");
    }
}
