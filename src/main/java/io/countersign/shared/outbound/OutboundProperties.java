package io.countersign.shared.outbound;

import io.countersign.shared.settings.Setting;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Countersign may send on an administrator's say-so ({@code countersign.outbound.*}).
 *
 * @param deniedNetworks networks, comma-separated CIDR such as {@code 10.0.0.0/8,fc00::/7}, that webhooks
 *     and chat channels must not send to; link-local and unspecified addresses and cloud metadata
 *     services are refused whatever this says, and while it is unset loopback and private receivers are
 *     allowed
 */
@ConfigurationProperties("countersign.outbound")
public record OutboundProperties(List<String> deniedNetworks) {

    static final Setting DENIED_NETWORKS = Setting.of("countersign.outbound.denied-networks");

    public OutboundProperties {
        List<String> given = deniedNetworks == null
                ? List.of()
                : deniedNetworks.stream()
                        .map(String::strip)
                        .filter(network -> !network.isEmpty())
                        .toList();
        for (String network : given) {
            try {
                Network.parse(network);
            } catch (IllegalArgumentException e) {
                throw DENIED_NETWORKS.refused(
                        network,
                        "must list networks such as 10.0.0.0/8 or fc00::/7, separated by commas: " + e.getMessage());
            }
        }
        deniedNetworks = given;
    }

    List<Network> networks() {
        return deniedNetworks.stream().map(Network::parse).toList();
    }
}
