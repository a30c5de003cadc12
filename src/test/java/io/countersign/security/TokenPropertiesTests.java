package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

class TokenPropertiesTests {

    @Test
    void aLifetimeOfZeroOrLessIsRefusedWithItsVariable() {
        assertThatThrownBy(() -> new TokenProperties(Duration.ZERO))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageEndingWith(
                        "COUNTERSIGN_SECURITY_TOKEN_MAX_LIFETIME (countersign.security.token-max-lifetime)"
                                + " must be positive, e.g. 30s.");
    }

    @Test
    void noLifetimeMeansNoLimit() {
        assertThat(new TokenProperties(null).tokenMaxLifetime()).isNull();
    }
}
