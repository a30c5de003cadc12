package io.countersign.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

class InstancePropertiesTests {

    @Test
    void aQualifiedNameInThePublicAddressIsWhatTheServiceCallsItselfToMailServers() {
        assertThat(at("https://countersign.example.com/pam").qualifiedHostName())
                .contains("countersign.example.com");
        assertThat(at("http://approvals.corp.example:8080").qualifiedHostName()).contains("approvals.corp.example");
    }

    @Test
    void addressesAndBareNamesAreLeftToTheMachinesOwnName() {
        // a greeting must write an address as a literal ([10.0.0.5]); the machine's own name is no worse
        assertThat(at("http://localhost:8080").qualifiedHostName()).isEmpty();
        assertThat(at("http://countersign:8080").qualifiedHostName()).isEmpty();
        assertThat(at("http://10.0.0.5:8080").qualifiedHostName()).isEmpty();
        assertThat(at("http://[fd00::5]:8080").qualifiedHostName()).isEmpty();
    }

    @Test
    void aPublicAddressThatIsNotAnHttpAddressIsRefused() {
        assertThatThrownBy(() -> at("ftp://countersign.example.com"))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining(
                        "COUNTERSIGN_BASE_URL (countersign.base-url) must be an absolute http or https" + " address");
    }

    @Test
    void aPublicAddressWithAUserAQueryOrAFragmentIsRefused() {
        for (String refused : List.of(
                "https://ops:secret@countersign.example.com",
                "https://countersign.example.com/?tenant=a",
                "https://countersign.example.com/#top")) {
            assertThatThrownBy(() -> at(refused))
                    .as(refused)
                    .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                    .hasMessageContaining("without a user, a query (?…) or a fragment (#…)");
        }
        assertThat(at("https://countersign.example.com/pam/").base()).isEqualTo("https://countersign.example.com/pam");
    }

    private static InstanceProperties at(String baseUrl) {
        return new InstanceProperties("Countersign", URI.create(baseUrl));
    }
}
