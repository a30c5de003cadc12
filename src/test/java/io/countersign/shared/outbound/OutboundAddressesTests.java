package io.countersign.shared.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.Problems;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

class OutboundAddressesTests {

    final OutboundAddresses byDefault = new OutboundAddresses(new OutboundProperties(null));
    final OutboundAddresses denyingPrivate = new OutboundAddresses(
            new OutboundProperties(List.of("127.0.0.0/8", " 10.0.0.0/8 ", "::1", "fc00::/7", "")));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://169.254.169.254/latest/meta-data",
                "http://169.254.0.1:8080/",
                "https://[fe80::1]/hook",
                "https://[FEBF:ffff::1]:8443/hook",
                "http://[fe80::1%25eth0]/hook",
                "http://[::ffff:169.254.169.254]/latest/meta-data",
                "http://[::ffff:a9fe:a9fe]/",
                "http://[::169.254.169.254]/",
                "http://2852039166/",
                "http://0.0.0.0:8080/",
                "http://0/",
                "http://[::]/",
                "http://[fd00:ec2::254]/",
                "http://100.100.100.200/"
            })
    void linkLocalUnspecifiedAndMetadataAddressesAreNeverAReceiver(String url) {
        assertThat(issues(byDefault, url)).singleElement().satisfies(issue -> {
            assertThat(issue.field()).isEqualTo("url");
            assertThat(issue.code()).isEqualTo("refused_address");
            assertThat(issue.message()).contains("link-local or unspecified").doesNotContain("169.254");
        });
        assertThat(byDefault.refusal(url))
                .hasValueSatisfying(words -> assertThat(words)
                        .startsWith(OutboundAddresses.REFUSED + ": the host resolves to a link-local"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:8080/hook",
                "http://[::1]/hook",
                "http://10.1.2.3/hook",
                "http://192.168.1.1/hook",
                "https://[fd12::1]/hook",
                "https://hooks.example.org/x",
                "http://169.255.0.1/"
            })
    void loopbackPrivateAndNamedReceiversAreAllowedByDefault(String url) {
        assertThat(issues(byDefault, url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:8080/hook",
                "http://127.255.0.9/",
                "http://[::1]/hook",
                "http://[::ffff:127.0.0.1]/hook",
                "http://10.1.2.3/hook",
                "https://[fd12::1]/hook"
            })
    void anOperatorMayDenyMoreNetworks(String url) {
        assertThat(issues(denyingPrivate, url))
                .singleElement()
                .satisfies(
                        issue -> assertThat(issue.message())
                                .isEqualTo(
                                        "is in a network this service does not send to (countersign.outbound.denied-networks)"));
        assertThat(denyingPrivate.refusal(url))
                .hasValue("destination address refused by countersign.outbound.denied-networks"
                        + " (COUNTERSIGN_OUTBOUND_DENIED_NETWORKS)");
    }

    @Test
    void aNameIsCheckedOnlyWhenResolvedAndRefusedIfAnyOfItsAddressesIs() {
        assertThat(issues(denyingPrivate, "http://localhost:8080/hook"))
                .as("no lookup at configuration")
                .isEmpty();
        assertThat(denyingPrivate.refusal("http://localhost:8080/hook")).isPresent();
        assertThat(byDefault.refusal("http://localhost:8080/hook")).isEmpty();
        assertThat(denyingPrivate.refusal("https://hooks.invalid/x"))
                .as("left to the sender, which says the name did not resolve")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "fc00::/129", "10.0.0/8", "intranet.example.org", "10.0.0.0/x"})
    void aNetworkThatIsNotCidrStopsTheStart(String network) {
        assertThatThrownBy(() -> new OutboundProperties(List.of(network)))
                .isInstanceOfSatisfying(
                        InvalidConfigurationPropertyValueException.class,
                        refused -> assertThat(refused.getReason())
                                .startsWith(
                                        "COUNTERSIGN_OUTBOUND_DENIED_NETWORKS (countersign.outbound.denied-networks)"
                                                + " must list networks such as 10.0.0.0/8"));
    }

    private static List<FieldIssue> issues(OutboundAddresses addresses, String url) {
        Problems problems = new Problems();
        addresses.check(problems, url, "url");
        return problems.issues();
    }
}
