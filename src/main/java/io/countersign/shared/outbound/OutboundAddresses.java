package io.countersign.shared.outbound;

import io.countersign.shared.Problems;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The addresses Countersign posts to on an administrator's say-so: webhook receivers, chat platforms
 * and their proxies. Link-local and unspecified addresses are never a receiver: a cloud's metadata
 * service answers at 169.254.169.254 with the instance's credentials, and 0.0.0.0 reaches this very
 * host. So they are always refused, as are the metadata services' two addresses outside that range
 * (AWS's fd00:ec2::254, Alibaba's 100.100.100.200), and an operator may refuse more, such as the private
 * networks, with {@code countersign.outbound.denied-networks}. An IPv6 address that carries an IPv4
 * address a gateway delivers to (NAT64, 6to4, Teredo, IPv4-compatible; see {@link EmbeddedIpv4}) is
 * refused when either address is.
 *
 * <p>A literal address is refused when the URL is configured. A name is checked when something is
 * sent, by resolving it and refusing the send if any of its addresses is refused, so a name that points
 * at such an address, or is re-pointed there later, is caught where it matters. The check is made by
 * the HTTP client's own resolver ({@link OutboundHttpClient}), which resolves the name once and hands
 * the connection exactly the addresses it checked, while the Host header and TLS keep the name: no
 * second lookup, so no DNS-rebinding window between the check and the connection.
 */
@Component
public class OutboundAddresses {

    /** How every refusal at send time starts, so that an administrator can search for it. */
    public static final String REFUSED = "destination address refused";

    private static final List<Network> NEVER_RECEIVERS = List.of(
            Network.parse("169.254.0.0/16"),
            Network.parse("fe80::/10"),
            Network.parse("0.0.0.0/8"),
            Network.parse("::/128"),
            Network.parse("fd00:ec2::254/128"),
            Network.parse("100.100.100.200/32"));

    private final List<Network> denied;

    public OutboundAddresses(OutboundProperties properties) {
        this.denied = properties.networks();
    }

    /**
     * Adds a problem to {@code problems} when the host of {@code url} is an address this service does not
     * send to. A name is not resolved here: what it resolves to is checked when something is sent.
     */
    public void check(Problems problems, String url, String field) {
        Optional<InetAddress> literal = host(url).flatMap(AddressLiterals::parse);
        if (literal.isEmpty()) {
            return;
        }
        if (neverAReceiver(literal.get())) {
            problems.add(
                    field,
                    "refused_address",
                    "must not be a link-local or unspecified address, nor a cloud's metadata service:"
                            + " such an address is never a receiver");
        } else if (inDeniedNetwork(literal.get())) {
            problems.add(
                    field,
                    "refused_address",
                    "is in a network this service does not send to (" + OutboundProperties.DENIED_NETWORKS.property()
                            + ")");
        }
    }

    /**
     * Why nothing may be sent to {@code url} now, once its host is resolved; empty when it may, or when
     * the URL or its name cannot be used at all, which the sender reports in its own words. A post makes
     * the same check in its connection's resolver ({@link CheckedAddressResolver}), on the addresses it
     * then connects to.
     */
    public Optional<String> refusal(String url) {
        Optional<String> host = host(url);
        if (host.isEmpty()) {
            return Optional.empty();
        }
        try {
            return refusalOf(addressesOf(host.get(), HostLookup.SYSTEM));
        } catch (UnknownHostException unresolved) {
            return Optional.empty();
        }
    }

    /** The addresses a connection to {@code host} would use, looked up once unless the host is a literal. */
    InetAddress[] addressesOf(String host, HostLookup lookup) throws UnknownHostException {
        // a literal is read as the connection will read it: zone ids such as %25eth0 would fail a lookup
        Optional<InetAddress> literal = AddressLiterals.parse(host);
        return literal.isPresent() ? new InetAddress[] {literal.get()} : lookup.addressesOf(host);
    }

    /** Why nothing may be sent to a host with these addresses; empty when it may. */
    Optional<String> refusalOf(InetAddress[] addresses) {
        // the words name the rule, never the address found, which is the resolver's business
        for (InetAddress address : addresses) {
            if (neverAReceiver(address)) {
                return Optional.of(
                        REFUSED + ": the host resolves to a link-local or unspecified address, or to a cloud's"
                                + " metadata service, which is never a receiver");
            }
        }
        for (InetAddress address : addresses) {
            if (inDeniedNetwork(address)) {
                return Optional.of(REFUSED + " by " + OutboundProperties.DENIED_NETWORKS.property() + " ("
                        + OutboundProperties.DENIED_NETWORKS.variable() + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean neverAReceiver(InetAddress address) {
        return within(NEVER_RECEIVERS, address);
    }

    private boolean inDeniedNetwork(InetAddress address) {
        return within(denied, address);
    }

    /** Whether {@code address}, or an IPv4 address it carries and is delivered to, is in one of them. */
    private static boolean within(List<Network> networks, InetAddress address) {
        return Stream.concat(Stream.of(address), EmbeddedIpv4.in(address).stream())
                .anyMatch(form -> networks.stream().anyMatch(network -> network.contains(form)));
    }

    private static Optional<String> host(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(new URI(url.strip()).getHost()).filter(host -> !host.isEmpty());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
