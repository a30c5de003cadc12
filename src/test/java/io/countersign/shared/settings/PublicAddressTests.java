package io.countersign.shared.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Links in mail and chat and the single sign-on's return address all start with the one base. */
class PublicAddressTests {

    @Test
    void everySlashAtTheEndGoesSoThatAPathCanBeAppended() {
        assertThat(PublicAddress.base("https://countersign.example.com")).isEqualTo("https://countersign.example.com");
        assertThat(PublicAddress.base("https://countersign.example.com/")).isEqualTo("https://countersign.example.com");
        assertThat(PublicAddress.base("https://countersign.example.com//"))
                .isEqualTo("https://countersign.example.com");
        assertThat(PublicAddress.base("https://example.com/pam///")).isEqualTo("https://example.com/pam");
    }

    @Test
    void theBaseIsReadFromTheSettingOrItsDefault() {
        assertThat(PublicAddress.of(new MockEnvironment().withProperty("countersign.base-url", "https://a.example//")))
                .isEqualTo("https://a.example");
        assertThat(PublicAddress.of(new MockEnvironment())).isEqualTo("http://localhost:8080");
    }
}
