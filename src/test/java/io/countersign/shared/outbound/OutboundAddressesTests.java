package io.countersign.shared.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.shared.FieldIssue;
import io.countersign.shared.Problems;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
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

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://[64:ff9b::a9fe:a9fe]/hook",
                "http://[64:ff9b::169.254.169.254]/hook",
                "http://[64:ff9b::100.100.100.200]/hook",
                "http://[64:ff9b:1::a9fe:a9fe]/hook",
                "http://[64:ff9b:1:a9fe:a9:fe00::]/hook",
                "http://[64:ff9b:1:ffa9:fe:a9fe::]/hook",
                "http://[64:ff9b:1:ffff:a9:fea9:fe00:0]/hook",
                "http://[64:ff9b:1:a9fe:ffa9:fe00::]/hook",
                "http://[64:ff9b:1:0:ffa9:fea9:fe00:0]/hook",
                "http://[64:ff9b:1:a9fe:a9:fe00:0:1]/hook",
                "http://[64:ff9b:1::a9:fea9:fe00:1]/hook",
                "http://[2002:a9fe:a9fe::1]/hook",
                "http://[2001:0:4136:e378:8000:63bf:5601:5601]/hook",
                "http://[::a9fe:a9fe]/hook"
            })
    void anIpv6AddressThatCarriesALinkLocalOrMetadataAddressIsNeverAReceiver(String url) {
        assertThat(issues(byDefault, url)).singleElement().satisfies(issue -> {
            assertThat(issue.code()).isEqualTo("refused_address");
            assertThat(issue.message()).contains("link-local or unspecified");
        });
        assertThat(byDefault.refusal(url))
                .hasValueSatisfying(words -> assertThat(words)
                        .startsWith(OutboundAddresses.REFUSED + ": the host resolves to a link-local"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://[64:ff9b::a00:1]/hook",
                "http://[64:ff9b::127.0.0.1]/hook",
                "http://[64:ff9b:1::a00:1]/hook",
                "http://[64:ff9b:1:ffff:a:1:100:0]/hook",
                "http://[64:ff9b:1:7f00:ff00:200::]/hook",
                "http://[2002:a00:1::1]/hook",
                "http://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/hook",
                "http://[::10.1.2.3]/hook"
            })
    void anIpv6AddressThatCarriesAnAddressInADeniedNetworkIsRefused(String url) {
        assertThat(issues(byDefault, url)).as("allowed where nothing is denied").isEmpty();
        assertThat(issues(denyingPrivate, url))
                .singleElement()
                .satisfies(issue -> assertThat(issue.message()).contains("countersign.outbound.denied-networks"));
        assertThat(denyingPrivate.refusal(url))
                .hasValue("destination address refused by countersign.outbound.denied-networks"
                        + " (COUNTERSIGN_OUTBOUND_DENIED_NETWORKS)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://[64:ff9b::808:808]/hook",
                "http://[64:ff9b:1::808:808]/hook",
                "http://[64:ff9b:1:ffff:8:808:800:0]/hook",
                "http://[64:ff9b:1:808:8:800::]/hook",
                "http://[64:ff9b:1:8:8:808::]/hook",
                "http://[2002:808:808::1]/hook",
                "http://[2001:0:4136:e378:8000:63bf:f7f7:f7f7]/hook",
                "http://[::8.8.8.8]/hook",
                "http://[2001:db8::a9fe:a9fe]/hook"
            })
    void anIpv6AddressThatCarriesAPublicAddressIsAllowed(String url) {
        assertThat(issues(denyingPrivate, url)).isEmpty();
        assertThat(denyingPrivate.refusal(url)).isEmpty();
    }

    @Test
    void anAddressThatCarriesAnotherIsRefusedWhenItsOwnNetworkIsDenied() {
        OutboundAddresses denying6to4 = new OutboundAddresses(new OutboundProperties(List.of("2002::/16")));

        assertThat(issues(denying6to4, "http://[2002:808:808::1]/hook")).hasSize(1);
        assertThat(denying6to4.refusal("http://[2002:808:808::1]/hook")).isPresent();
        assertThat(denying6to4.refusal("http://8.8.8.8/hook")).isEmpty();
    }

    @Test
    void anIpv4MappedAddressIsReadAsTheIpv4AddressItMaps() throws Exception {
        assertThat(AddressLiterals.parse("[::ffff:a9fe:a9fe]"))
                .hasValueSatisfying(address -> assertThat(address).isInstanceOf(Inet4Address.class));
        assertThat(InetAddress.getByName("::ffff:10.1.2.3")).isInstanceOf(Inet4Address.class);
        byte[] mapped = InetAddress.getByName("::ffff:169.254.169.254").getAddress();
        assertThat(mapped).as("the JDK keeps only the IPv4 address").hasSize(4);

        // an Inet6Address built from the bytes keeps the mapped form, and is still read as its IPv4 address
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        System.arraycopy(mapped, 0, bytes, 12, 4);
        assertThat(EmbeddedIpv4.in(Inet6Address.getByAddress(null, bytes, -1)))
                .containsExactly(InetAddress.getByName("169.254.169.254"));
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
