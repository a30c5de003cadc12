package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInPropertiesTests {

    private static final Duration WINDOW = Duration.ofMinutes(15);

    @Test
    void anAddressMustBeAllowedAtLeastOneFailure() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SignInProperties(5, WINDOW, 0))
                .withMessageContaining("countersign.security.sign-in.max-failures-per-address");
        assertThatNoException().isThrownBy(() -> new SignInProperties(5, WINDOW, 1));
    }

    @Test
    void aUsernameMustBeAllowedAtLeastOneFailureInAPositiveWindow() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SignInProperties(0, WINDOW, 30));
        assertThatIllegalArgumentException().isThrownBy(() -> new SignInProperties(5, Duration.ZERO, 30));
    }
}
