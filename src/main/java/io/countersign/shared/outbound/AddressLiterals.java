package io.countersign.shared.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Addresses written as such (a URL's host, a network in a setting), read without ever asking DNS: the
 * JDK looks up whatever it cannot read as a literal, and a check at configuration time must not.
 */
final class AddressLiterals {

    private static final Pattern DOTTED = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    // the JDK, and so the URL's connection, also reads a single number as an IPv4 address
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,10}");

    private AddressLiterals() {}

    /** The address {@code host} spells out, bracketed or not; empty for a name. */
    static Optional<InetAddress> parse(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.contains(":")) {
            int zone = bare.indexOf('%');
            return ipv6(zone < 0 ? bare : bare.substring(0, zone));
        }
        if (DOTTED.matcher(bare).matches()) {
            String[] parts = bare.split("\\.");
            long value = 0;
            for (String part : parts) {
                int octet = Integer.parseInt(part);
                if (octet > 255) {
                    return Optional.empty();
                }
                value = (value << 8) | octet;
            }
            return ipv4(value);
        }
        if (NUMBER.matcher(bare).matches() && Long.parseLong(bare) <= 0xffffffffL) {
            return ipv4(Long.parseLong(bare));
        }
        return Optional.empty();
    }

    private static Optional<InetAddress> ipv6(String text) {
        try {
            // brackets make the JDK read it as an IPv6 literal or fail, and never look it up
            return Optional.of(InetAddress.getByName("[" + text + "]"));
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> ipv4(long value) {
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
