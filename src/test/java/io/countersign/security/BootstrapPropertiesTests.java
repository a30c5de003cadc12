package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

class BootstrapPropertiesTests {

    @Test
    void aFirstAdministratorsPasswordWithAControlCharacterStopsTheStartWithoutShowingIt() {
        for (String password : List.of("abc\u0000defghijklm", "first password\r", "first\u202epassword")) {
            assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
                    .isThrownBy(() -> new BootstrapProperties(password, null, null))
                    .withMessageContaining("COUNTERSIGN_BOOTSTRAP_ADMIN_PASSWORD")
                    .withMessageContaining("must not contain control characters")
                    .satisfies(refused -> assertThat(refused.getMessage() + refused.getValue())
                            .doesNotContain(password));
        }
        assertThatNoException().isThrownBy(() -> new BootstrapProperties("first password\u200f", null, null));
    }
}
