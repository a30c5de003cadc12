package io.countersign.shared.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;

/**
 * Resolves a host once per connection, checks every address found, and gives the connection exactly
 * those: what is checked is what is connected to, so an answer that changes between a check and a
 * connection (DNS rebinding) cannot steer a post to a refused address.
 */
final class CheckedAddressResolver implements DnsResolver {

    private final OutboundAddresses addresses;
    private final HostLookup lookup;

    CheckedAddressResolver(OutboundAddresses addresses, HostLookup lookup) {
        this.addresses = addresses;
        this.lookup = lookup;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] found = addresses.addressesOf(host, lookup);
        Optional<String> refusal = addresses.refusalOf(found);
        if (refusal.isPresent()) {
            throw new RefusedAddressException(refusal.get());
        }
        return found.clone();
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host))
                .map(address -> new InetSocketAddress(address, port))
                .toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        // the name is what the Host header and TLS use; a canonical name would only invite another lookup
        return host;
    }
}
